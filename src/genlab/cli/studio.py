"""``genlab studio``: the techniques in the browser."""

import sys

from genlab import ranges
from genlab.cli.common import add_command, number


def register(groups):
    studio = add_command(groups, "studio", "Every technique in the browser, live (needs genlab[studio]).", [
        "genlab studio                      # http://127.0.0.1:7860, this machine only",
        "genlab studio --runs experiments/ --port 8000 --outputs dreams/",
        "genlab studio --host 0.0.0.0       # reachable from the network: anyone there can use it",
    ], _studio)
    studio.add_argument("--runs", default="runs",
                        help="folder of trained runs that the page offers (default runs)")
    studio.add_argument("--outputs", default="studio-outputs",
                        help="folder for what the page makes (default studio-outputs)")
    studio.add_argument("--port", type=number(ranges.PORT), default=7860, help="port to listen on (default 7860)")
    studio.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    studio.set_defaults(light=True)  # the page is served before Keras is imported (in the background, then)


def _studio(args):
    from genlab import studio

    warning = studio.exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    studio.launch(runs=args.runs, outputs=args.outputs, host=args.host, port=args.port)
    return 0

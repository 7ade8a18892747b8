"""``genlab runs list | show | export``."""

from genlab.cli.common import add_command, add_group, add_json
from genlab.cli.output import result

EXPORT_FORMATS = ("savedmodel", "tflite", "onnx")


def register(groups):
    commands = add_group(groups, "runs", "Watch and use training runs: list them, plot one, export its network.", [
        "genlab runs list",
        "genlab runs show runs/vae",
        "genlab runs export runs/gan --format onnx",
    ])
    listing = add_command(commands, "list", "List the runs in a folder: technique, preset, steps, time, the best "
                          "held-out figure and the last change, newest first.", [
        "genlab runs list",
        "genlab runs list experiments/ --json",
    ], _list)
    listing.add_argument("folder", nargs="?", default="runs", help="a folder of run folders (default: runs)")
    add_json(listing)

    show = add_command(commands, "show", "Print a run's settings and summary, and write its loss and held-out "
                       "curves to RUN/curves.png.", [
        "genlab runs show runs/vae",
        "genlab runs show runs/painting --json",
    ], _show)
    show.add_argument("run", help="a run folder, or its model.keras")
    add_json(show)
    for reader in (listing, show):
        reader.set_defaults(light=True)  # run records are read without Keras

    export = add_command(commands, "export", "Export a run's network for deployment: the GAN's generator, the VAE's "
                         "decoder, the language model or the fast style network.", [
        "genlab runs export runs/gan --format savedmodel",
        "genlab runs export runs/vae --format tflite -o decoder.tflite",
        "genlab runs export runs/text --format onnx",
    ], _export)
    export.add_argument("run", help="a run folder, or its model.keras")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                        help="savedmodel (a TensorFlow SavedModel folder), tflite or onnx")
    export.add_argument("-o", "--output", help="where to write it (default: RUN/savedmodel/, RUN/model.tflite or "
                        "RUN/model.onnx)")


def _list(args):
    import sys

    from genlab import runs
    from genlab.training.progress import duration

    summaries = runs.list_runs(args.folder, report=lambda line: print(f"genlab: {line}", file=sys.stderr))
    rows = [("run", "technique", "preset", "steps", "time", "best held-out", "last change")]
    rows += [(str(s.path), s.technique, s.preset or "-", f"{s.steps:,}", duration(s.seconds), _best(s.best),
              f"{s.modified:%Y-%m-%d %H:%M}") for s in summaries]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    table = "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)
    result(table if summaries else f"no runs in {args.folder}", [_as_json(summary) for summary in summaries])
    return 0


def _show(args):
    from genlab import runs
    from genlab.training.progress import duration

    details = runs.show(args.run)
    summary = details.summary
    lines = [("technique", summary.technique), ("steps", f"{summary.steps:,} ({summary.epochs} epochs recorded)"),
             ("time", duration(summary.seconds)), ("best held-out", _best(summary.best)),
             ("last change", f"{summary.modified:%Y-%m-%d %H:%M}"), *details.settings.items()]
    width = max(len(name) for name, _ in lines)
    text = "\n".join(f"{name.ljust(width)}  {value}" for name, value in lines) + f"\nwrote {details.curves}"
    result(text, {**_as_json(summary), "settings": details.settings, "curves": str(details.curves)})
    return 0


def _export(args):
    from genlab import runs
    from genlab.runs.exporting import check_export

    check_export(args.format, args.output)
    path = runs.export(args.run, args.format, args.output)
    result(f"wrote {path}", {"format": args.format, "path": str(path)}, said=True)
    return 0


def _best(best):
    return str(best) if best else "-"


def _as_json(summary):
    best = summary.best
    return {"run": str(summary.path), "technique": summary.technique, "preset": summary.preset,
            "steps": summary.steps, "epochs": summary.epochs, "seconds": summary.seconds,
            "best_held_out": None if best is None else {"name": best.name, "value": best.value, "unit": best.unit,
                                                        "step": best.step},
            "last_change": summary.modified.isoformat(timespec="seconds")}

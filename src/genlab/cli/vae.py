"""``genlab vae train | grid | scatter | morph | concept | presets``."""

from genlab import ranges
from genlab.cli.common import (add_command, add_group, add_precision, add_trainer_arguments, add_training_budget,
                               distribution_options, fraction, model, non_negative_int, number, number_list,
                               positive_float, positive_int)
from genlab.cli.output import result, run_result
from genlab.cli.presets import add_presets_command


def register(groups):
    commands = add_group(groups, "vae", "Variational autoencoder: train one, then explore its latent space.", [
        "genlab vae train --run runs/vae",
        "genlab vae grid runs/vae -o grid.png",
        "genlab vae scatter runs/vae -o scatter.png",
        "genlab vae morph runs/vae index:0 index:1 -o morph.gif",
        "genlab vae concept runs/vae label:1 label:7 -o concept.png",
        "genlab vae presets",
    ])
    train = add_command(commands, "train", "Train a VAE on MNIST or a folder of images; prints the test −ELBO "
                        "in nats per image after every epoch.", [
        "genlab vae train --run runs/vae",
        "genlab vae train --minutes 10 --run runs/vae",
        "genlab vae train --preset book --run runs/vae-book",
        "genlab vae train --latent-dim 16 --epochs 20 --run runs/vae16",
        "genlab vae train --data faces/ --image-size 32 --channels 3 --run runs/faces",
        "genlab vae train --resume --run runs/vae --epochs 40",
    ], _train)
    train.add_argument("--run", default="runs/vae", help="run folder for the checkpoint (default: runs/vae)")
    train.add_argument("--data", default="mnist",
                       help="mnist (default), a copy of the MNIST .pkl.gz, or a folder of images")
    train.add_argument("--image-size", type=number(ranges.VAE_IMAGE_SIDE),
                       help="folders: side of the square images, even (default 32)")
    train.add_argument("--channels", type=int, choices=(1, 3), help="folders: 1 = grey, 3 = colour (default 3)")
    train.add_argument("--test-fraction", type=fraction, default=0.1,
                       help="folders: share of the images held out for the test −ELBO (default 0.1)")
    train.add_argument("--preset", help="cpu (default: the true ELBO, Adam, batch 32, 22 epochs) or book (Deep "
                       "Learning with Python: RMSprop, batch 16, 10 epochs, the book's loss weighting); `genlab vae presets` "
                       "shows what each contains")
    add_training_budget(train, "epochs")
    add_trainer_arguments(train, "the initial weights, the batches and the latent samples")
    settings = train.add_argument_group("settings that override the preset")
    settings.add_argument("--latent-dim", type=positive_int, help="size of the latent code (both presets: 2)")
    settings.add_argument("--loss", help="elbo (sum over pixels + KL, the true −ELBO) or book (per-pixel mean + 5e-4 KL)")
    settings.add_argument("--optimizer", help="rmsprop, adam, adamw or sgd")
    settings.add_argument("--learning-rate", type=positive_float, help="optimiser learning rate")
    settings.add_argument("--batch-size", type=positive_int, help="images per step")
    settings.add_argument("--drop-lr-after", type=non_negative_int,
                          help="epochs after which the learning rate drops tenfold (0: never)")
    add_precision(settings)

    grid = _exploration(commands, "grid", "Decode a grid of latent points spaced by the prior's quantiles.", [
        "genlab vae grid runs/vae -o grid.png",
        "genlab vae grid runs/vae -o wide.png --size 21 --low 0.01 --high 0.99",
    ], _grid, "the grid (PNG)")
    grid.add_argument("--size", type=positive_int, default=15, help="images per side (default 15)")
    grid.add_argument("--low", type=number(ranges.QUANTILE), default=0.05, help="lowest prior quantile (default 0.05)")
    grid.add_argument("--high", type=number(ranges.QUANTILE), default=0.95,
                      help="highest prior quantile (default 0.95)")

    scatter = _exploration(commands, "scatter", "Plot where images land in latent space, coloured by digit.", [
        "genlab vae scatter runs/vae -o scatter.png",
        "genlab vae scatter runs/faces --data faces/ -o faces.png",
    ], _scatter, "the plot (PNG, PDF or SVG)")
    scatter.add_argument("--data", default="mnist", help="mnist (the 10,000 test digits, default) or a folder")

    morph = _exploration(commands, "morph", "Morph one image into another through latent space (a looping GIF).", [
        "genlab vae morph runs/vae index:0 index:1 -o morph.gif",
        "genlab vae morph runs/faces me.jpg you.jpg -o us.gif --frames 60",
    ], _morph, "the animation (GIF)")
    morph.add_argument("start", help="an image file, or index:N for image N of MNIST's test set")
    morph.add_argument("end", help="an image file, or index:N")
    morph.add_argument("--frames", type=number(ranges.MORPH_FRAMES), default=40,
                       help="frames from start to end (default 40)")
    morph.add_argument("--frame-ms", type=positive_int, default=50, help="milliseconds per frame (default 50)")

    concept = _exploration(commands, "concept", "Edit images along a concept vector: mean code of B minus mean "
                           "code of A, at several strengths.", [
        "genlab vae concept runs/vae label:1 label:7 -o concept.png",
        "genlab vae concept runs/vae label:0 label:6 -o six.png --images index:3,index:10 --strengths 0,0.5,1,1.5",
        "genlab vae concept runs/vae label:4 label:9 -o nine.png --strengths=-3,-1.5,0,1.5,3",
        "genlab vae concept runs/faces neutral/ smiling/ -o smile.png",
    ], _concept, "the strip (PNG)")
    concept.add_argument("group_a", metavar="A",
                         help="label:D (the MNIST test digits labelled D) or a folder of images")
    concept.add_argument("group_b", metavar="B", help="label:D or a folder: the direction is A → B")
    concept.add_argument("--images", type=lambda text: [part for part in text.split(",") if part],
                         help="comma-separated images to edit: files or index:N (default: the first of A)")
    concept.add_argument("--count", type=positive_int, default=6,
                         help="how many of A to edit without --images (default 6)")
    concept.add_argument("--strengths", type=number_list(ranges.FINITE), default=[-2.0, -1.0, 0.0, 1.0, 2.0],
                         help="comma-separated multiples of the vector (default -2,-1,0,1,2); write "
                         "--strengths=-1,0,1 when the first is negative")


    add_presets_command(commands, "vae", "genlab.vae.presets")


def _exploration(commands, name, help, examples, handler, output):
    """A command that reads a trained VAE and writes one file: ``MODEL … -o OUTPUT``."""
    parser = add_command(commands, name, help, examples, handler)
    parser.add_argument("model", type=model, help="a run folder of genlab vae train, or its model.keras")
    parser.add_argument("-o", "--output", required=True, help=f"where to write {output}")
    return parser


def _train(args):
    from genlab import vae

    state = vae.train(run=args.run, data=args.data, image_size=args.image_size, channels=args.channels,
                      latent_dim=args.latent_dim, preset=args.preset, epochs=args.epochs, minutes=args.minutes,
                      resume=args.resume, overwrite=args.overwrite, seed=args.seed, test_fraction=args.test_fraction, loss=args.loss,
                      optimizer=args.optimizer, learning_rate=args.learning_rate, batch_size=args.batch_size,
                      drop_lr_after=args.drop_lr_after, precision=args.precision,
                      tensorboard=args.tensorboard, distribute=distribution_options(args))
    run_result(args.run, state)


def _grid(args):
    from genlab import images, vae
    from genlab.vae.grid import check_grid

    images.check_outputs([(images.image_output(args.output), "the grid")])
    check_grid(args.size, args.low, args.high)
    vae.grid(vae.load(args.model), args.output, args.size, args.low, args.high)
    result(f"wrote {args.output}")


def _scatter(args):
    from genlab import images, vae
    from genlab.vae.scatter import check_plot_name

    check_plot_name(args.output)
    images.check_outputs([(images.writable(args.output), "the plot")])
    vae.scatter(vae.load(args.model), args.output, args.data)
    result(f"wrote {args.output}")


def _morph(args):
    from genlab import images, vae

    images.check_outputs([(images.gif_output(args.output), "the morph")], inputs=_files([args.start, args.end]))
    vae.morph(vae.load(args.model), args.start, args.end, args.output, args.frames, args.frame_ms)
    result(f"wrote {args.output}")


def _concept(args):
    from genlab import images, vae

    images.check_outputs([(images.image_output(args.output), "the strip")], inputs=_files(args.images or []))
    vae.concept(vae.load(args.model), args.group_a, args.group_b, args.output, args.images, args.strengths,
                args.count)
    result(f"wrote {args.output}: each row is an image, then its edits at strengths {', '.join(map(str, args.strengths))}")


def _files(examples):
    """The examples that are image files, not ``index:N``."""
    from genlab.vae.inputs import INDEX_PREFIX

    return [example for example in examples if not example.startswith(INDEX_PREFIX)]

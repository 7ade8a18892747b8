"""``genlab gan train | sample | evaluate | presets``."""

from genlab import ranges
from genlab.cli.common import (add_command, add_group, add_image_data_arguments, add_json, add_precision,
                               add_preset_overrides, add_renamed, add_seed, add_trainer_arguments,
                               add_training_budget, distribution_options, fraction, image_data_options, model,
                               number, positive_float, positive_int)
from genlab.cli.output import result, run_result
from genlab.cli.presets import add_presets_command


def register(groups):
    commands = add_group(groups, "gan", "Train a DCGAN on images, sample it, and measure it (FID/KID).", [
        "genlab gan train --minutes 15 --run runs/gan",
        "genlab gan sample runs/gan -o digits.png --count 64",
        "genlab gan evaluate runs/gan --samples 5000",
        "genlab gan presets",
    ])
    train = add_command(commands, "train", "Train a DCGAN, saving a sample grid from fixed latents every epoch.", [
        "genlab gan train --minutes 15 --run runs/gan                       # MNIST, the cpu preset",
        "genlab gan train --preset book --cifar10 cifar-10-python.tar.gz --class frog --run runs/frogs",
        "genlab gan train --data my_faces/ --image-size 32 --run runs/faces",
        "genlab gan train --resume --run runs/gan --minutes 10",
    ], _train)
    train.add_argument("--run", default="runs/gan", help="run folder for checkpoints and sample grids (default: runs/gan)")
    train.add_argument("--preset", default="cpu", help="cpu (small networks that learn MNIST digits in minutes) or "
                       "book (the networks of Deep Learning with Python); `genlab gan presets` shows what each contains")
    add_training_budget(train, "steps")
    add_trainer_arguments(train, "the initial weights, the batches and the sample grids' latents")
    add_image_data_arguments(train, 32)
    settings = add_preset_overrides(train, [
        ("--latent-dim", positive_int, "size of the latent vectors"),
        ("--batch-size", positive_int, "real images per step"),
        ("--steps-per-epoch", positive_int, "steps between sample grids and checkpoints"),
        ("--d-learning-rate", positive_float, "discriminator's RMSprop learning rate"),
        ("--g-learning-rate", positive_float, "generator's RMSprop learning rate"),
        ("--clipvalue", positive_float, "clip each gradient component to this"),
        ("--dropout", fraction, "discriminator dropout"), ("--label-noise", fraction, "random label smoothing amount"),
        ("--average", fraction, "momentum of the averaged generator that makes the images (0: the latest one)"),
    ])
    add_precision(settings)

    sample = add_command(commands, "sample", "Generate images: a grid, numbered files, or a latent walk GIF.", [
        "genlab gan sample runs/gan -o grid.png --count 100",
        "genlab gan sample runs/gan -o generated/ --count 500",
        "genlab gan sample runs/gan --interpolate walk.gif",
    ], _sample)
    sample.add_argument("model", type=model, help="a run folder or its model.keras")
    sample.add_argument("-o", "--output", help="an image file for one grid, or a folder for single images")
    sample.add_argument("--count", type=positive_int, default=64, help="images to generate (default 64)")
    sample.add_argument("--interpolate", metavar="GIF",
                        help="also write a GIF that walks between random latent points (spherical interpolation)")
    add_renamed(sample, "--walk", new="--interpolate")
    add_seed(sample, uses="the latent points")

    evaluate = add_command(commands, "evaluate", "FID and KID against real images, on MobileNetV2 features.", [
        "genlab gan evaluate runs/gan",
        "genlab gan evaluate runs/gan --json",
        "genlab gan evaluate runs/frogs --samples 2000 --cifar10 cifar-10-python.tar.gz --class frog",
    ], _evaluate, aliases=["eval"])
    evaluate.add_argument("model", type=model, help="a run folder or its model.keras")
    evaluate.add_argument("--samples", type=number(ranges.FID_SAMPLES), default=5000,
                          help="generated and real images each (default 5000)")
    evaluate.add_argument("--feature-size", type=number(ranges.FEATURE_SIZE), default=128,
                          help="images are resized to this before MobileNetV2 (default 128)")
    add_seed(evaluate, default=0, uses="which images are generated and which real ones are drawn")
    add_json(evaluate)
    data = add_image_data_arguments(evaluate, 32)
    data.description = "real images (default: the run's own training data)"
    evaluate.set_defaults(data=None)

    add_presets_command(commands, "gan", "genlab.gan.presets")


def _train(args):
    from genlab import gan

    overrides = {name: getattr(args, name) for name in (
        "latent_dim", "batch_size", "steps_per_epoch", "d_learning_rate", "g_learning_rate", "clipvalue",
        "dropout", "label_noise", "average", "precision")}
    state = gan.train(run=args.run, preset=args.preset, steps=args.steps, minutes=args.minutes, resume=args.resume, overwrite=args.overwrite,
                      seed=args.seed, tensorboard=args.tensorboard, distribute=distribution_options(args),
                      **image_data_options(args), **overrides)
    run_result(args.run, state)


def _sample(args):
    from pathlib import Path

    from genlab import gan, images
    from genlab.errors import GenlabError

    if not args.output and not args.interpolate:
        raise GenlabError("say where to write: -o grid.png, -o folder/, or --interpolate walk.gif")
    written = []
    if args.output:
        grid = Path(args.output).suffix
        written.append((images.image_output(args.output) if grid else images.folder_output(args.output), "the images"))
    if args.interpolate:
        written.append((images.gif_output(args.interpolate), "the walk"))
    images.check_outputs(written)
    if args.output:
        gan.sample(args.model, args.output, args.count, seed=args.seed)
    if args.interpolate:
        gan.interpolate(args.model, args.interpolate, seed=args.seed)
    wrote = [path for path in (args.output, args.interpolate) if path]
    result("wrote " + " and ".join(wrote), said=True)  # the library has said what it wrote


def _evaluate(args):
    from genlab import gan

    data = image_data_options(args) if args.data or args.cifar10 else {}
    if data:
        data["data"] = data["data"] or "mnist"
    scores = gan.evaluate(args.model, args.samples, args.feature_size, args.seed, **data)
    result(f"FID {scores['fid']:.2f} · KID {scores['kid']:.4f} ± {scores['kid_std']:.4f} "
           f"({scores['generated']:,} generated vs {scores['real']:,} real images; {scores['features']}, "
           "not Inception features)", scores)

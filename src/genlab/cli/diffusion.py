"""``genlab diffusion train | sample | evaluate | presets``."""

import argparse

from genlab import ranges
from genlab.choices import SAMPLERS
from genlab.cli.common import (add_command, add_group, add_image_data_arguments, add_json, add_precision,
                               add_preset_overrides, add_renamed, add_seed, add_trainer_arguments,
                               add_training_budget, distribution_options, fraction, image_data_options, model,
                               number, positive_float, positive_int)
from genlab.cli.output import result, run_result
from genlab.cli.presets import add_presets_command


def register(groups):
    commands = add_group(groups, "diffusion", "Train a diffusion model on images, sample it with DDIM or DPM-Solver++, "
                         "guide it by class, and measure it (FID/KID).", [
        "genlab diffusion train --minutes 15 --run runs/diffusion",
        "genlab diffusion sample runs/diffusion -o digits.png --class 7 --guidance 3",
        "genlab diffusion sample runs/diffusion --trajectory steps.gif",
        "genlab diffusion evaluate runs/diffusion --samples 5000",
        "genlab diffusion presets",
    ])
    _add_train(commands)
    _add_sample(commands)
    _add_evaluate(commands)
    add_presets_command(commands, "diffusion", "genlab.diffusion.presets")


def _add_train(commands):
    train = add_command(commands, "train", "Train a diffusion model, saving a sample grid every epoch.", [
        "genlab diffusion train --minutes 15 --run runs/diffusion          # MNIST digits, class-conditional",
        "genlab diffusion train --cifar10 cifar-10-python.tar.gz --run runs/cifar --minutes 60",
        "genlab diffusion train --data my_faces/ --image-size 64 --run runs/faces",
        "genlab diffusion train --resume --run runs/diffusion --minutes 10",
    ], _train)
    train.add_argument("--run", default="runs/diffusion",
                       help="run folder for checkpoints and sample grids (default: runs/diffusion)")
    train.add_argument("--preset", default="cpu", help="cpu (default: a U-Net that learns MNIST digits in minutes) or "
                       "book (the chapter's U-Net); `genlab diffusion presets` shows what each contains")
    add_training_budget(train, "steps")
    train.add_argument("--unconditional", action="store_true",
                       help="ignore the data's labels (MNIST digits, CIFAR-10 classes) and learn without classes")
    add_trainer_arguments(train, "the initial weights, the batches, the noise and the sample grids")
    add_image_data_arguments(train, 32)
    settings = add_preset_overrides(train, [
        ("--widths", _widths, "the U-Net's widths per level, e.g. 32,64,96"),
        ("--block-depth", positive_int, "residual blocks per level"),
        ("--batch-size", positive_int, "images per step"),
        ("--steps-per-epoch", positive_int, "steps between sample grids and checkpoints"),
        ("--learning-rate", positive_float, "AdamW's learning rate"),
        ("--weight-decay", fraction, "AdamW's weight decay"),
        ("--average", fraction, "momentum of the averaged U-Net that draws the samples (0: the latest one)"),
        ("--label-dropout", fraction, "probability of training without the class, for guidance (default 0.1)"),
        ("--sampling-steps", positive_int, "sampler steps for the sample grids and `sample` (default 20)"),
    ])
    settings.add_argument("--sampler", choices=SAMPLERS, help="the run's sampler (default ddim)")
    settings.add_argument("--condition", choices=("input", "blocks"),
                          help="where the noise level and the class enter the U-Net: input (the book) or blocks "
                               "(every residual block, as DDPM's U-Net); cpu preset: blocks, book: input")
    settings.add_argument("--standardise", action=argparse.BooleanOptionalAction,
                          help="standardise the images by the training data's mean and spread per channel, as "
                               "the book does (book preset: yes; cpu preset: no, the images stay in [-1, 1])")
    add_precision(settings)


def _add_sample(commands):
    sample = add_command(commands, "sample", "Generate images: a grid, numbered files, the denoising step by step, "
                         "a walk between noises, or an inpainting.", [
        "genlab diffusion sample runs/diffusion -o grid.png --count 100",
        "genlab diffusion sample runs/diffusion -o sevens.png --class 7 --guidance 3",
        "genlab diffusion sample runs/diffusion -o fast.png --sampler dpm++ --steps 10",
        "genlab diffusion sample runs/diffusion -o generated/ --count 500",
        "genlab diffusion sample runs/diffusion --trajectory steps.gif --interpolate walk.gif",
        "genlab diffusion sample runs/diffusion --inpaint digit.png --mask bottom -o completed.png",
        "genlab diffusion sample runs/diffusion --inpaint photo.png --mask hole.png -o filled.png",
    ], _sample)
    sample.add_argument("model", type=model, help="a run folder or its model.keras")
    sample.add_argument("-o", "--output", help="an image file for one grid, or a folder for single images")
    sample.add_argument("--count", type=positive_int, help="images to generate (default 64; with --inpaint 8)")
    sample.add_argument("--steps", type=positive_int, help="sampler steps (default: the run's, 20)")
    sample.add_argument("--sampler", choices=SAMPLERS,
                        help="ddim (Song et al.) or dpm++ (DPM-Solver++ 2M: as good in about half the steps); "
                             "default: the run's, ddim")
    sample.add_argument("--eta", type=number(ranges.DDIM_ETA), default=0.0,
                        help="DDIM's noise: 0 is deterministic (default), 1 is DDPM-like")
    sample.add_argument("--class", dest="label", type=_class_number, metavar="N",
                        help="a class-conditional run: draw this class (default: every class in turn)")
    sample.add_argument("--guidance", type=number(ranges.NON_NEGATIVE), default=1.0,
                        help="classifier-free guidance: 0 unconditional, 1 conditional (default), above 1 more of the "
                             "class")
    sample.add_argument("--trajectory", metavar="GIF", help="also write a GIF of the denoising of --count images, "
                        "noisy images left, the model's estimate right")
    sample.add_argument("--interpolate", metavar="GIF", help="also write a GIF that walks between random starting "
                        "noises (spherical interpolation)")
    add_renamed(sample, "--walk", new="--interpolate")
    sample.add_argument("--inpaint", metavar="IMAGE", help="fill the white part of --mask in this image (with -o)")
    sample.add_argument("--mask", metavar="MASK", help="with --inpaint: top, bottom, left, right or centre (the "
                        "part the model draws), or an image of --inpaint's size, white where the model draws, black "
                        "where the image stays")
    add_seed(sample, uses="the starting noise")


def _add_evaluate(commands):
    evaluate = add_command(commands, "evaluate", "FID and KID against real images, on MobileNetV2 features, as "
                           "`gan evaluate` measures them.", [
        "genlab diffusion evaluate runs/diffusion",
        "genlab diffusion evaluate runs/diffusion --sampler dpm++ --steps 10 --json",
    ], _evaluate, aliases=["eval"])
    evaluate.add_argument("model", type=model, help="a run folder or its model.keras")
    evaluate.add_argument("--samples", type=number(ranges.FID_SAMPLES), default=5000,
                          help="generated and real images each (default 5000)")
    evaluate.add_argument("--feature-size", type=number(ranges.FEATURE_SIZE), default=128,
                          help="images are resized to this before MobileNetV2 (default 128)")
    evaluate.add_argument("--steps", type=positive_int, help="sampler steps (default: the run's, 20)")
    evaluate.add_argument("--sampler", choices=SAMPLERS, help="default: the run's, ddim")
    evaluate.add_argument("--guidance", type=number(ranges.NON_NEGATIVE), default=1.0,
                          help="a class-conditional run draws every class in turn at this guidance (default 1; "
                               "0: unconditionally)")
    add_seed(evaluate, default=0, uses="which images are generated and which real ones are drawn")
    add_json(evaluate)
    data = add_image_data_arguments(evaluate, 32)
    data.description = "real images (default: the run's own training data)"
    evaluate.set_defaults(data=None)


def _widths(text):
    try:
        widths = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"widths are whole numbers separated by commas, like 32,64,96, not {text!r}")
    if len(widths) < 2 or min(widths) < 1:
        raise argparse.ArgumentTypeError(f"give at least two widths of 1 or more, like 32,64,96, not {text!r}")
    return widths


def _class_number(text):
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"a class is its number, 0 or more (a digit's class is the digit), not {text!r}")
    return int(text)


def _train(args):
    from genlab import diffusion

    overrides = {name: getattr(args, name) for name in (
        "widths", "block_depth", "batch_size", "steps_per_epoch", "learning_rate", "weight_decay", "average",
        "label_dropout", "sampling_steps", "sampler", "precision", "condition", "standardise")}
    state = diffusion.train(run=args.run, preset=args.preset, steps=args.steps, minutes=args.minutes,
                            resume=args.resume, overwrite=args.overwrite, seed=args.seed, labels=not args.unconditional,
                            tensorboard=args.tensorboard, distribute=distribution_options(args),
                            **image_data_options(args), **overrides)
    run_result(args.run, state)


def _sample(args):
    from pathlib import Path

    from genlab import diffusion, images
    from genlab.errors import GenlabError

    if not (args.output or args.trajectory or args.interpolate):
        raise GenlabError("say where to write: -o grid.png, -o folder/, --trajectory steps.gif or --interpolate walk.gif")
    if bool(args.inpaint) != bool(args.mask):
        raise GenlabError("--inpaint IMAGE and --mask MASK go together")
    if args.inpaint and not (args.output and Path(args.output).suffix):
        raise GenlabError("--inpaint writes one picture: give it with -o filled.png")
    written = []
    if args.output:
        output = images.image_output(args.output) if Path(args.output).suffix else images.folder_output(args.output)
        written.append((output, "the images"))
    written += [(images.gif_output(path), what) for path, what in ((args.trajectory, "the trajectory"),
                                                                    (args.interpolate, "the walk")) if path]
    images.check_outputs(written, inputs=[path for path in (args.inpaint, args.mask)
                                          if path and path not in diffusion.NAMED_MASKS])
    options = {"seed": args.seed, "steps": args.steps, "sampler": args.sampler, "eta": args.eta, "label": args.label,
               "guidance": args.guidance}
    model = diffusion.load(args.model)
    model.check_labels(args.label, 1)
    if args.inpaint:
        diffusion.inpaint(model, args.inpaint, args.mask, args.output, count=args.count or 8, **options)
    elif args.output:
        diffusion.sample(model, args.output, args.count or 64, **options)
    if args.trajectory:
        diffusion.trajectory(model, args.trajectory, count=min(args.count or 16, 16), **options)
    if args.interpolate:
        diffusion.interpolate(model, args.interpolate, **options)
    result("wrote " + " and ".join(str(path) for path, _ in written), said=True)


def _evaluate(args):
    from genlab import diffusion

    data = image_data_options(args) if args.data or args.cifar10 else {}
    if data:
        data["data"] = data["data"] or "mnist"
    scores = diffusion.evaluate(args.model, args.samples, args.feature_size, args.seed, steps=args.steps,
                                sampler=args.sampler, guidance=args.guidance, **data)
    result(f"FID {scores['fid']:.2f} · KID {scores['kid']:.4f} ± {scores['kid_std']:.4f} "
           f"({scores['generated']:,} generated vs {scores['real']:,} real images; {scores['features']}, "
           "not Inception features)", scores)

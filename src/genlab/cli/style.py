"""``genlab style [transfer] CONTENT STYLE… -o OUT``, ``genlab style train-fast``, ``genlab style apply``."""

from genlab import ranges
from genlab.cli.common import (add_command, add_distribution_arguments, add_group, add_json, add_precision, add_renamed,
                               add_resume_or_overwrite, add_seed, add_tensorboard_argument, distribution_options, model,
                               non_negative_float, number, number_list, photo, positive_float, positive_int)
from genlab.cli.clips import add_clip_arguments, clip_options, photo_or_clip, refuse_clip_options, report_clip
from genlab.cli.output import note, result, run_result
from genlab.cli.photos import photo_path
from genlab.errors import GenlabError


def register(groups):
    commands = add_group(groups, "style", "Neural style transfer: Gatys' optimisation, or a fast network for one style.", [
        "genlab style photo.jpg painting.jpg -o stylised.png      (= genlab style transfer …)",
        "genlab style train-fast painting.jpg --run runs/painting --minutes 30",
        "genlab style apply runs/painting photo1.jpg photo2.jpg -o stylised/",
    ])
    _register_transfer(commands)
    _register_fast(commands)


def _register_transfer(commands):
    style = add_command(commands, "transfer", "Gatys et al.: optimise a photo to take the style of others.", [
        "genlab style photo.jpg painting.jpg -o stylised.png",
        "genlab style chelsea immunohistochemistry -o cat.png --gif cat-rounds.gif",
        "genlab style photo.jpg a.jpg b.jpg --blend 0.7,0.3 -o blend.png --preserve-colors",
        "genlab style photo.jpg painting.jpg -o big.png --height 800 --scales 2 --rounds 10",
        "genlab style clip.mp4 painting.jpg -o painted.mp4 --height 256 --rounds 4   # slow: minutes per frame",
    ], _style)
    style.add_argument("content", type=photo_or_clip,
                       help="the photo to repaint (a file, or a bundled photo name such as chelsea), or a clip")
    style.add_argument("styles", nargs="+", type=photo, help="one or more style images (files or bundled photo names)")
    style.add_argument("-o", "--output", required=True,
                       help="where to write the result (PNG or JPEG; for a clip, a video file or a folder)")
    style.add_argument("--blend", type=number_list(ranges.NON_NEGATIVE),
                       help="comma-separated weights of the style images (default: equal)")
    style.add_argument("--backbone", default="vgg16", help="vgg16 (default) or vgg19 (needs its weights file)")
    style.add_argument("--height", type=number(ranges.STYLE_HEIGHT), default=400,
                       help="height of the result in pixels (default 400)")
    style.add_argument("--rounds", type=positive_int, default=20,
                       help="rounds of L-BFGS optimisation, per scale (default 20)")
    add_renamed(style, "--iterations", new="--rounds")
    style.add_argument("--evaluations", type=positive_int, default=20, help="loss evaluations per round (default 20)")
    style.add_argument("--content-weight", type=non_negative_float, default=0.025,
                       help="how closely the result keeps the photo's content (default 0.025, the book's)")
    style.add_argument("--style-weight", type=non_negative_float, default=1.0,
                       help="how strongly the result takes the style (default 1.0, the book's)")
    style.add_argument("--tv-weight", type=non_negative_float, default=1e-4,
                       help="total variation weight (default 1e-4)")
    style.add_argument("--normalisation", choices=("book", "layer"), default="book",
                       help="how style losses are scaled: book (one constant for all layers) or layer (by each "
                            "layer's size, as in Gatys et al.)")
    style.add_argument("--init", choices=("content", "noise", "style"), default="content",
                       help="the image optimisation starts from: the photo, random noise, or the first style image")
    style.add_argument("--preserve-colors", action="store_true", help="keep the content photo's colours")
    style.add_argument("--style-scale", type=number(ranges.STYLE_SCALE), default=1.0,
                       help="size of the style images relative to the result")
    style.add_argument("--scales", type=positive_int, default=1,
                       help="work coarse to fine at this many sizes, each twice the previous")
    style.add_argument("--optimizer", choices=("lbfgs", "adam"), default="lbfgs",
                       help="lbfgs (the book's) or adam (--learning-rate)")
    style.add_argument("--learning-rate", type=positive_float, default=4.0, help="step size of --optimizer adam")
    add_precision(style, default="float32")
    style.add_argument("--gif", help="write a GIF of the image after every round")
    add_seed(style, uses="--init noise", printed=False)
    add_clip_arguments(style, frame_blend=0.5)


def _style(args):
    from genlab import images, style, video
    from genlab.progress import progress_bar

    sources = [photo_path(name) for name in (args.content, *args.styles)]
    if video.is_video(sources[0]):
        return _style_clip(args, sources)
    refuse_clip_options(args)
    written = [(images.image_output(args.output), "the result")]
    if args.gif:
        written.append((images.gif_output(args.gif), "the GIF"))
    images.check_outputs(written, inputs=sources)
    settings = _transfer_settings(args)
    content, *styles = [images.load_image(source) for source in sources]
    progress = progress_bar(args.rounds * args.scales, "round", stateful=["loss", "evaluations"])
    stylised = style.transfer(
        content, styles, init=args.init, **settings,
        progress=lambda index, loss, count: progress.add(1, [("loss", loss), ("evaluations", count)]))
    written = [images.save_image(args.output, stylised.image)]
    if args.gif:
        size = stylised.image.shape[:2]
        written.append(images.save_gif(args.gif, [images.resize(r, size) for r in stylised.rounds], duration_ms=150))
    result("wrote " + ", ".join(map(str, written)))
    return 0


def _style_clip(args, sources):
    from genlab import images, style, video

    if args.gif or args.init != "content":
        raise GenlabError(f"{'--gif' if args.gif else '--init'} applies to a photo; a clip's frames start from the "
                          "previous frame's result (--frame-blend)")
    output = video.video_output(args.output)
    images.check_outputs([(output, "the clip")], inputs=sources)
    settings = _transfer_settings(args)
    styles = [images.load_image(source) for source in sources[1:]]
    report_clip(style.transfer_clip(sources[0], styles, output, frame_blend=args.frame_blend, **clip_options(args),
                                    **settings))
    return 0


def _transfer_settings(args):
    """``style.transfer``'s settings from the options, checked before any image is read (all but ``init``,
    which a clip's frames take from the previous frame)."""
    from genlab import style

    weights = style.Weights(args.content_weight, args.style_weight, args.tv_weight, args.normalisation)
    style.check_options(len(args.styles), args.blend, args.height, args.rounds, args.evaluations,
                        args.style_scale, args.optimizer, args.learning_rate, args.scales, weights)
    return dict(blend=args.blend, backbone=args.backbone, height=args.height, rounds=args.rounds,
                evaluations=args.evaluations, weights=weights, preserve_colors=args.preserve_colors,
                style_scale=args.style_scale, optimizer=args.optimizer, learning_rate=args.learning_rate,
                scales=args.scales, precision=args.precision, seed=args.seed)


def _register_fast(commands):
    train = add_command(commands, "train-fast", "Train a feed-forward network that paints any photo in one style.", [
        "genlab style train-fast painting.jpg --run runs/painting --minutes 30",
        "genlab style train-fast painting.jpg --data my_photos/ --run runs/painting --steps 4000",
        "genlab style train-fast painting.jpg --run runs/painting --resume --minutes 30",
        "genlab style train-fast painting.jpg --run runs/painting-mobile --width 16 --minutes 60",
        "genlab style train-fast painting.jpg --run runs/painting --resume --temporal-weight 5000 --minutes 10",
    ], _train_fast)
    train.add_argument("style", type=photo, help="the style image (a file, or a bundled photo name)")
    train.add_argument("--run", default="runs/fast-style",
                       help="run folder: its model.keras is the network and the checkpoint (default: runs/fast-style)")
    add_renamed(train, "-o", "--output", new="--run (a run folder; the network is RUN/model.keras)")
    train.add_argument("--data", help="folder of training photos (default: the photos bundled with installed packages)")
    add_renamed(train, "--images", new="--data")
    train.add_argument("--steps", type=positive_int, default=2000, help="training steps in total")
    train.add_argument("--minutes", type=positive_float, help="stop after this much wall-clock time in this call")
    add_resume_or_overwrite(train)
    train.add_argument("--crop", type=number(ranges.FAST_STYLE_CROP), default=192,
                       help="side of the square crops of the photos it trains on, in pixels (default 192)")
    train.add_argument("--batch-size", type=positive_int, default=4, help="crops per step (default 4)")
    train.add_argument("--width", type=number(ranges.NETWORK_WIDTH), default=32,
                       help="channels of the network's first layer (default 32; 16 is the mobile network, "
                            "about 3× faster)")
    train.add_argument("--loss", choices=("book", "johnson"), default="book",
                       help="book: Gatys' loss as the book writes it, balanced as on a photo 512 px high "
                            "(default); johnson: Johnson et al.'s perceptual loss")
    train.add_argument("--content-weight", type=non_negative_float,
                       help="weight of the content loss (default: book 0.025, johnson 1)")
    train.add_argument("--style-weight", type=non_negative_float,
                       help="weight of the style loss (default: book 1, johnson 5)")
    train.add_argument("--tv-weight", type=non_negative_float,
                       help="weight of the total variation loss, which smooths the result (default: book 1e-4, "
                            "johnson 0.01)")
    train.add_argument("--temporal-weight", type=non_negative_float,
                       help="weight of the difference between the stylised moved crop and the moved stylised crop: "
                            "above 0 for networks that stylise video without flicker (default 0; with --resume it "
                            "changes from that step on, to fine-tune a trained network for video)")
    train.add_argument("--upsampling", choices=("bilinear", "nearest"), default="bilinear",
                       help="how the network enlarges its maps before each upsampling convolution")
    train.add_argument("--steps-per-epoch", type=positive_int, default=100, help="steps between checkpoints")
    add_precision(train, default="auto")
    add_seed(train, uses="the crops and the network's initial weights")
    add_json(train)
    add_tensorboard_argument(train)
    add_distribution_arguments(train)

    apply = add_command(commands, "apply", "Stylise photos with a network from train-fast, in one pass each.", [
        "genlab style apply runs/painting photo.jpg -o stylised.png",
        "genlab style apply runs/painting/model.keras a.jpg b.jpg -o stylised/",
        "genlab style apply runs/painting clip.mp4 -o painted.mp4 --start 10 --duration 5",
        "genlab style apply runs/painting clip.mp4 -o preview.mp4 --every 4",
    ], _apply)
    apply.add_argument("model", type=model, help="a run folder of genlab style train-fast, or its model.keras")
    apply.add_argument("images", nargs="+", type=photo_or_clip,
                       help="photos (files or bundled photo names), or one clip (a video or a folder of frames)")
    apply.add_argument("-o", "--output", required=True,
                       help="an image file for one photo, else a folder; for a clip, a video file or a folder")
    add_clip_arguments(apply)


def _train_fast(args):
    from genlab.style.fast import train_fast

    state = train_fast(photo_path(args.style), args.run, data=args.data, steps=args.steps, minutes=args.minutes,
                       crop=args.crop, batch_size=args.batch_size, width=args.width,
                       upsampling=args.upsampling, loss=args.loss, content_weight=args.content_weight,
                       style_weight=args.style_weight, tv_weight=args.tv_weight, temporal_weight=args.temporal_weight,
                       precision=args.precision, steps_per_epoch=args.steps_per_epoch, resume=args.resume,
                       overwrite=args.overwrite, seed=args.seed, tensorboard=args.tensorboard,
                       distribute=distribution_options(args))
    run_result(args.run, state)
    return 0


def _apply_to_clip(args, sources):
    from genlab import images, style, video

    if len(sources) > 1:
        raise GenlabError("give one clip at a time (or photos only)")
    output = video.video_output(args.output)
    images.check_outputs([(output, "the clip")], inputs=[args.model, *sources])
    report_clip(style.apply_fast_clip(args.model, sources[0], output, **clip_options(args), report=note))
    return 0


def _apply(args):
    from pathlib import Path

    from genlab import images, video
    from genlab.style.fast import apply_fast, load_fast

    sources = list(dict.fromkeys(photo_path(name) for name in args.images))  # a photo named twice is done once
    if any(video.is_video(source) for source in sources):
        return _apply_to_clip(args, sources)
    refuse_clip_options(args)
    single = len(sources) == 1 and Path(args.output).suffix
    targets = [images.image_output(args.output if single else Path(args.output) / f"{Path(path).stem}.png")
               for path in sources]
    images.check_outputs([(target, f"the result for {path}") for target, path in zip(targets, sources)],
                         inputs=[args.model, *sources])
    net = load_fast(args.model, report=note)
    for path, target in zip(sources, targets):
        images.save_image(target, apply_fast(net, images.load_image(path)))
        result(f"wrote {target}")
    return 0

"""``genlab dream IMAGE -o OUT.png``."""

from genlab import ranges
from genlab.cli.clips import add_clip_arguments, frame_progress, photo_or_clip, refuse_clip_options, report_clip
from genlab.cli.common import add_command, add_seed, non_negative_int, number, positive_float, positive_int
from genlab.cli.output import result
from genlab.cli.photos import photo_path
from genlab.errors import GenlabError

#: How long each zoom frame shows in the animation (12.5 frames a second).
ZOOM_FRAME_MS = 80


def register(groups):
    dream = add_command(groups, "dream", "DeepDream: amplify what a pretrained convnet sees in a photo.", [
        "genlab dream photo.jpg -o dream.png",
        "genlab dream chelsea -o cat-dream.png --gif cat-octaves.gif",
        "genlab dream photo.jpg -o dream.png --layers features.13=1,features.16=2 --steps 40",
        "genlab dream photo.jpg -o explore.png --random-layers --seed 3",
        "genlab dream photo.jpg -o zoom.png --zoom-frames 30 --gif zoom.mp4",
        "genlab dream clip.mp4 -o dreamed.mp4 --steps 10 --octaves 2 --frame-blend 0.5",
    ], _dream)
    dream.add_argument("image", type=photo_or_clip,
                       help="a photo, or the name of a bundled one (chelsea, coffee, astronaut, …), or a clip")
    dream.add_argument("-o", "--output", required=True,
                       help="where to write the dream (PNG or JPEG; for a clip, a video file or a folder)")
    dream.add_argument("--backbone", default="mobilenet_v2", help="mobilenet_v2 (default), vgg16, inception_v3, vgg19")
    dream.add_argument("--layers", help="NAME=WEIGHT,… layers to amplify (default: the backbone's)")
    dream.add_argument("--random-layers", action="store_true", help="amplify 3 random layers (printed)")
    dream.add_argument("--steps", type=positive_int, default=20, help="ascent steps per octave (default 20)")
    dream.add_argument("--step-size", type=positive_float, default=0.01,
                       help="in InceptionV3 input units (default 0.01)")
    dream.add_argument("--octaves", type=positive_int, default=3, help="number of scales (default 3)")
    dream.add_argument("--octave-scale", type=number(ranges.OCTAVE_SCALE), default=1.4,
                       help="size ratio between octaves (default 1.4)")
    dream.add_argument("--max-loss", type=positive_float, default=10.0,
                       help="end an octave early above this loss (default 10)")
    dream.add_argument("--jitter", type=non_negative_int, default=0,
                       help="random shift in pixels per step; breaks up grid-bound patterns, weakens the dream "
                            "(default 0, as the book)")
    dream.add_argument("--tile", type=number(ranges.DREAM_TILE), default=1024,
                       help="photos above TILE×TILE pixels are dreamed in tiles of at most that, to bound memory "
                            "(default 1024)")
    dream.add_argument("--save-octaves", action="store_true", help="also write OUT-octave-N.png per scale")
    dream.add_argument("--gif", help="write a GIF of the octaves (or of the zoom frames: a GIF, or a video where "
                                     "the name ends in .mp4, .mov or .mkv)")
    dream.add_argument("--zoom-frames", type=non_negative_int, default=0, help="dream, zoom in, dream again: N frames")
    dream.add_argument("--zoom", type=number(ranges.ZOOM), default=1.05, help="zoom factor per frame (default 1.05)")
    add_seed(dream, uses="--jitter and --random-layers", printed=False)
    add_clip_arguments(dream, frame_blend=0.5)


def _dream(args):
    from genlab import dream, images, video
    from genlab.progress import progress_bar

    source = photo_path(args.image)
    if video.is_video(source):
        return _dream_clip(args, source)
    refuse_clip_options(args)
    output = images.image_output(args.output)
    written = [(output, "the dream")]
    if args.save_octaves and not args.zoom_frames:
        written += [(_octave_path(output, index), f"octave {index}") for index in range(args.octaves)]
    if args.gif:
        movie = args.zoom_frames and video.is_video(args.gif)
        written.append((video.video_output(args.gif) if movie else images.gif_output(args.gif), "the GIF"))
    images.check_outputs(written, inputs=[source])
    photo = images.load_image(source)
    options = _dream_options(args, photo.shape, 1 if args.zoom_frames else args.octaves)
    if args.zoom_frames:
        progress = progress_bar(args.zoom_frames, "frame")
        frames = dream.zoom_frames(photo, args.zoom_frames, args.zoom, args.steps, seed=args.seed,
                                   progress=lambda frame: progress.update(frame + 1), **options)
        images.save_image(output, frames[-1])
        if args.gif and video.is_video(args.gif):
            video.write_clip(args.gif, frames, fps=1000 / ZOOM_FRAME_MS)
        elif args.gif:
            images.save_gif(args.gif, frames, duration_ms=ZOOM_FRAME_MS)
        result(f"wrote {output}" + (f" and {args.gif}" if args.gif else ""))
        return 0
    progress = progress_bar(args.octaves * args.steps, "step", stateful=["loss"], lines=args.octaves)
    dreamed = dream.deep_dream(
        photo, steps=args.steps, octaves=args.octaves, octave_scale=args.octave_scale, seed=args.seed,
        progress=lambda octave, step, loss: progress.update(octave * args.steps + step + 1, [("loss", loss)]),
        **options)
    print(_layers_line(dreamed.layers))
    images.save_image(output, dreamed.image)
    saved = [output]
    if args.save_octaves:
        for index, octave in enumerate(dreamed.octaves):
            saved.append(images.save_image(_octave_path(output, index), octave))
    if args.gif:
        frames = dream.octave_frames(photo, dreamed)
        saved.append(images.save_gif(args.gif, frames, duration_ms=[dream.OCTAVE_FRAME_MS] * len(frames)))
    result("wrote " + ", ".join(map(str, saved)))
    return 0


def _dream_clip(args, source):
    from genlab import dream, images, video

    if args.zoom_frames or args.gif or args.save_octaves:
        raise GenlabError("--zoom-frames, --gif and --save-octaves apply to a photo, not to a clip")
    output = video.video_output(args.output)
    images.check_outputs([(output, "the clip")], inputs=[source])
    clip = video.open_clip(source, args.start, args.duration, args.every, args.fps)
    options = _dream_options(args, (clip.size[1], clip.size[0], 3), args.octaves)
    print(_layers_line(options["layers"]))
    report_clip(dream.dream_clip(clip, output, frame_blend=args.frame_blend, progress=frame_progress(),
                                 steps=args.steps, octaves=args.octaves, octave_scale=args.octave_scale,
                                 seed=args.seed, **options))
    return 0


def _dream_options(args, shape, octaves):
    """The backbone, its layers (the backbone's own unless chosen) and the ascent's settings that every dream
    of this command shares, checked for images of ``shape`` first."""
    from genlab import dream
    from genlab.backbones import load_backbone
    from genlab.dream.layers import default_layers

    dream.check_options(shape, args.steps, args.step_size, octaves, args.octave_scale, args.max_loss, args.jitter,
                        args.tile)
    network = load_backbone(args.backbone)
    layers = dream.chosen_layers(network.layer_names, args.layers or None, args.random_layers, args.seed)
    return dict(backbone=network, layers=layers or default_layers(network.name), step_size=args.step_size,
                max_loss=args.max_loss, jitter=args.jitter, tile=args.tile)


def _layers_line(layers):
    return "layers: " + ",".join(f"{name}={weight}" for name, weight in layers.items())


def _octave_path(output, index):
    """Where --save-octaves writes octave ``index``: OUT-octave-INDEX next to OUT, in OUT's format."""
    return output.with_name(f"{output.stem}-octave-{index}{output.suffix}")

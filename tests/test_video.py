"""Video in and out: frames through MP4 and back (count, size, rate), the sound kept, parts of a clip, folders
of frames, one-line errors for bad clips and outputs, Ctrl-C leaving a playable partial clip or nothing, the
clip commands of style and dream, and the flicker measure."""

import subprocess

import numpy as np
import pytest

from genlab import video
from genlab.errors import GenlabError
from genlab.images import resize
from genlab.metrics.flicker import flicker
from genlab.video.ffmpeg import ffmpeg_executable
from genlab.video.synthetic import pan_frames, write_pan_clip

from conftest import one_line_error

pytest.importorskip("imageio_ffmpeg")

#: A smooth picture (noise enlarged): H.264 keeps it well, as it keeps a photo, where pixel noise it would not.
PHOTO = resize(np.random.default_rng(0).uniform(0, 255, size=(3, 4, 3)).astype(np.float32), (60, 90))


def clip_with_sound(path, seconds=2, fps=10, size="96x64"):
    """A test-card clip with a 440 Hz tone, made by ffmpeg itself."""
    subprocess.run([ffmpeg_executable(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc=size={size}:rate={fps}:duration={seconds}", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    "-shortest", str(path)], check=True)
    return path


def test_frames_go_through_an_mp4_and_come_back_with_their_count_size_and_rate(tmp_path):
    made = list(pan_frames(PHOTO, 12, size=(64, 48), pan=1))
    path = video.write_clip(tmp_path / "pan.mp4", made, fps=8)
    clip = video.open_clip(path)
    assert (clip.size, clip.fps, clip.frame_count, clip.has_audio) == ((64, 48), 8.0, 12, False)
    back = list(video.read_frames(clip))
    assert len(back) == 12 and back[0].shape == (48, 64, 3) and back[0].dtype == np.float32
    assert np.mean(np.abs(back[5] - made[5])) < 10  # H.264 (colour at half resolution): within a few levels


def test_the_sound_is_kept_for_the_part_of_the_clip_made(tmp_path):
    source = clip_with_sound(tmp_path / "sound.mp4", seconds=3)
    made = video.transform_clip(source, tmp_path / "out.mp4", lambda frame, previous: 255 - frame, start=1,
                                duration=1.5)
    out = video.open_clip(made.path)
    assert made.frames == 15 and out.has_audio and out.seconds == pytest.approx(1.5, abs=0.1)


def test_every_nth_frame_keeps_the_length_at_a_lower_rate(tmp_path):
    path = write_pan_clip(PHOTO, tmp_path / "pan.mp4", frames=12, size=(32, 32), fps=12)
    made = video.transform_clip(path, tmp_path / "preview.mp4", lambda frame, previous: frame, every=3)
    out = video.open_clip(made.path)
    assert (made.frames, out.fps, out.frame_count) == (4, 4.0, 4)
    assert out.seconds == pytest.approx(1.0, abs=0.01)


def test_a_folder_of_frames_is_a_clip_in_and_out(tmp_path):
    folder = video.write_clip(tmp_path / "frames", pan_frames(PHOTO, 6, size=(32, 24)), fps=6)
    assert sorted(p.name for p in folder.iterdir())[0] == "frame-000001.png"
    clip = video.open_clip(folder, fps=6, start=0.5)
    made = video.transform_clip(clip, tmp_path / "out.mp4", lambda frame, previous: frame)
    assert made.frames == 3 and video.open_clip(made.path).size == (32, 24)


def test_each_frame_is_handed_the_previous_result(tmp_path):
    path = write_pan_clip(PHOTO, tmp_path / "pan.mp4", frames=4, size=(32, 32))
    seen = []

    def remember(frame, previous):
        seen.append(None if previous is None else float(previous.mean()))
        return np.full_like(frame, len(seen))

    video.transform_clip(path, tmp_path / "out.mp4", remember)
    assert seen == [None, 1.0, 2.0, 3.0]
    frame, previous = np.zeros((2, 2, 3)), np.full((2, 2, 3), 100.0)
    assert np.allclose(video.blended(frame, previous, 0.25), 25) and video.blended(frame, None, 0.5) is frame


def test_ctrl_c_keeps_a_playable_partial_clip_under_a_name_that_says_so(tmp_path):
    path = write_pan_clip(PHOTO, tmp_path / "pan.mp4", frames=10, size=(32, 32))

    def stopped_at_the_fifth(frame, previous, count=[0]):
        count[0] += 1
        if count[0] == 5:
            raise KeyboardInterrupt
        return frame

    with pytest.raises(KeyboardInterrupt, match="kept the 4 frames made as .*out.partial.mp4"):
        video.transform_clip(path, tmp_path / "out.mp4", stopped_at_the_fifth)
    assert not (tmp_path / "out.mp4").exists()
    kept = video.open_clip(tmp_path / "out.partial.mp4")
    assert len(list(video.read_frames(kept))) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.partial.mp4", "pan.mp4"]  # no temporary file


def test_ctrl_c_before_the_first_frame_writes_nothing(tmp_path):
    path = write_pan_clip(PHOTO, tmp_path / "pan.mp4", frames=3, size=(32, 32))

    def stopped(frame, previous):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt, match="nothing was written"):
        video.transform_clip(path, tmp_path / "out.mp4", stopped)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pan.mp4"]


def test_an_error_midway_leaves_no_output(tmp_path):
    path = write_pan_clip(PHOTO, tmp_path / "pan.mp4", frames=4, size=(32, 32))

    def failing(frame, previous):
        if previous is not None:
            raise GenlabError("out of ideas")
        return frame

    with pytest.raises(GenlabError):
        video.transform_clip(path, tmp_path / "out.mp4", failing)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pan.mp4"]


def bad_clips(folder):
    """(file, what its one-line error must say) for clips that cannot be read."""
    good = video.write_clip(folder / "good.mp4", pan_frames(PHOTO, 4, size=(32, 32)), fps=4).read_bytes()
    (folder / "truncated.mp4").write_bytes(good[:len(good) // 2])
    (folder / "notes.mp4").write_text("not a video at all\n" * 20)
    (folder / "empty.mp4").write_bytes(b"")
    (folder / "codec.mp4").write_bytes(good.replace(b"avc1", b"zzzz"))
    subprocess.run([ffmpeg_executable(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=32x32:rate=4:duration=0", str(folder / "zero.mp4")], check=True)
    subprocess.run([ffmpeg_executable(), "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1",
                    str(folder / "sound-only.mp4")], check=True)
    return {"truncated.mp4": "is truncated or damaged", "notes.mp4": "is not a video",
            "empty.mp4": "is empty", "codec.mp4": "in a codec ffmpeg cannot decode ('zzzz')",
            "zero.mp4": "has no video stream", "sound-only.mp4": "has no video stream",
            "missing.mp4": "no such photo or clip"}


def test_bad_clips_and_options_are_one_line_each(tmp_path, capsys, tiny_runs):
    for name, said in bad_clips(tmp_path).items():
        line = one_line_error(capsys, "style", "apply", tiny_runs / "style", tmp_path / name, "-o", tmp_path / "o.mp4")
        assert said in line, line
    good = tmp_path / "good.mp4"
    assert "--every" in one_line_error(capsys, "dream", good, "-o", tmp_path / "o.mp4", "--every", "0")
    assert "past the end" in one_line_error(capsys, "style", "apply", tiny_runs / "style", good, "-o",
                                            tmp_path / "o.mp4", "--start", "60")
    assert "must end in .mp4" in one_line_error(capsys, "dream", good, "-o", tmp_path / "o.webm")
    (tmp_path / "a-file").write_text("")
    assert "cannot write" in one_line_error(capsys, "style", "apply", tiny_runs / "style", good, "-o",
                                            tmp_path / "a-file" / "o.mp4")
    assert "applies to a clip" in one_line_error(capsys, "dream", "chelsea", "-o", tmp_path / "d.png", "--every", "2")
    assert not any(path.name.startswith("o") for path in tmp_path.iterdir())


def test_style_apply_stylises_a_clip_keeping_its_rate_size_and_sound(tmp_path, tiny_runs):
    from genlab.cli import main

    source = clip_with_sound(tmp_path / "sound.mp4", seconds=1, fps=8, size="48x32")
    assert main(["-q", "style", "apply", str(tiny_runs / "style"), str(source), "-o", str(tmp_path / "out.mp4")]) == 0
    out = video.open_clip(tmp_path / "out.mp4")
    assert (out.size, out.fps, out.has_audio, len(list(video.read_frames(out)))) == ((48, 32), 8.0, True, 8)


def test_flicker_takes_the_known_pan_out():
    still = list(pan_frames(PHOTO, 5, size=(40, 30), pan=2, shapes=False))
    assert flicker(still, pan=2) < 1e-3 < flicker(still, pan=0)
    noisy = [frame + np.random.default_rng(i).normal(0, 10, frame.shape) for i, frame in enumerate(still)]
    assert flicker(noisy, pan=2) == pytest.approx(2 * 10 / np.sqrt(np.pi), rel=0.1)  # E|a − b|, a, b ~ N(0, 10²)


def test_a_phones_portrait_clip_is_read_upright(tmp_path):
    landscape = video.write_clip(tmp_path / "landscape.mp4", pan_frames(PHOTO, 3, size=(48, 32)), fps=3)
    subprocess.run([ffmpeg_executable(), "-v", "error", "-y", "-display_rotation", "90", "-i", str(landscape),
                    "-c", "copy", str(tmp_path / "portrait.mov")], check=True)  # as a phone held upright records
    clip = video.open_clip(tmp_path / "portrait.mov")
    assert clip.size == (32, 48) and next(video.read_frames(clip)).shape == (48, 32, 3)

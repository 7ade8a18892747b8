"""Data sets from pickles: the arrays-only unpickler, MNIST's split, and the CIFAR-10 python tarball."""

import gzip
import io
import os
import pickle
import tarfile

import numpy as np
import pytest
from conftest import CIFAR_PER_BATCH, cifar_batch, cifar_images, write_cifar, write_fake_cifar

from genlab.datasets import load_cifar10, load_images, load_mnist
from genlab.datasets.safe_pickle import load_arrays
from genlab.errors import GenlabError


class RunsCode:
    """Unpickling this would run a shell command that creates ``marker``."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def unpickle(payload):
    return load_arrays(io.BytesIO(pickle.dumps(payload, protocol=4)), "test data")


def test_arrays_lists_dicts_and_strings_come_back_intact():
    data = {"data": np.arange(12, dtype="uint8").reshape(3, 4), "labels": [1, 2, 3], "name": "batch",
            "pair": (np.linspace(0, 1, 5, dtype="float32"), np.array([7, 8], dtype="int64"))}
    loaded = unpickle(data)
    np.testing.assert_array_equal(loaded["data"], data["data"])
    assert loaded["data"].dtype == np.uint8 and type(loaded["data"]) is np.ndarray
    np.testing.assert_array_equal(loaded["pair"][0], data["pair"][0])
    assert loaded["labels"] == [1, 2, 3] and loaded["name"] == "batch"


@pytest.mark.parametrize("payload", [
    np.ma.masked_array([1, 2, 3], mask=[0, 1, 0]),  # an ndarray subclass with its own reconstruction code
    np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f4")]),
    {"data": print},
])
def test_anything_but_plain_arrays_is_refused(payload):
    with pytest.raises(GenlabError, match="test data is not a valid data pickle"):
        unpickle(payload)


def test_a_pickle_that_names_a_function_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "executed"
    with pytest.raises(GenlabError, match="names posix.system"):
        unpickle(RunsCode(marker))
    assert not marker.exists()


def write_mnist(path, parts):
    with gzip.open(path, "wb") as file:
        pickle.dump(parts, file, protocol=4)
    return path


def mnist_part(count, first_label):
    rng = np.random.default_rng(count)
    return rng.uniform(size=(count, 784)).astype("float32"), (np.arange(count) + first_label) % 10


def test_mnist_train_is_the_pickles_train_and_validation_parts(tmp_path):
    parts = (mnist_part(5, 0), mnist_part(3, 5), mnist_part(4, 8))
    path = write_mnist(tmp_path / "mnist.pkl.gz", parts)
    train, test = load_mnist("train", path), load_mnist("test", path)
    assert train.images.shape == (8, 28, 28, 1) and test.images.shape == (4, 28, 28, 1)
    np.testing.assert_array_equal(train.labels, [0, 1, 2, 3, 4, 5, 6, 7])
    np.testing.assert_array_equal(test.images[2, :, :, 0], parts[2][0][2].reshape(28, 28))


@pytest.mark.parametrize("content, problem", [
    (lambda marker: RunsCode(marker), "names posix.system"),
    (lambda marker: {"train": 1}, "not the MNIST pickle"),
    (lambda marker: (mnist_part(2, 0), mnist_part(2, 0), (np.ones((2, 5)), [0, 1])), "not 28×28 images"),
    (lambda marker: (mnist_part(2, 0), mnist_part(2, 0), (2 * np.ones((2, 784)), [0, 1])), "pixel range"),
])
def test_a_tampered_or_foreign_mnist_pickle_is_refused(tmp_path, content, problem):
    marker = tmp_path / "executed"
    path = write_mnist(tmp_path / "mnist.pkl.gz", content(marker))
    with pytest.raises(GenlabError, match=problem):
        load_mnist("test", path)
    assert not marker.exists()


def test_a_file_that_is_not_gzip_is_refused(tmp_path):
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(b"not gzip at all")
    with pytest.raises(GenlabError, match="not a valid data pickle"):
        load_mnist("train", path)


@pytest.fixture
def cifar(tmp_path):
    return write_fake_cifar(tmp_path / "cifar-10-python.tar.gz")


def test_cifar10_batches_become_channels_last_images_in_0_1(cifar, tmp_path):
    train = load_cifar10(cifar)
    assert train.images.shape == (5 * CIFAR_PER_BATCH, 32, 32, 3) and train.images.dtype == np.float32
    expected = np.concatenate([cifar_images(i) for i in range(1, 6)]) / 255.0
    np.testing.assert_allclose(train.images, expected, rtol=1e-6)
    np.testing.assert_array_equal(train.labels[:CIFAR_PER_BATCH], [1, 2, 3, 4])
    test = load_cifar10(cifar, split="test")
    np.testing.assert_allclose(test.images, cifar_images(0) / 255.0, rtol=1e-6)
    with tarfile.open(cifar) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    np.testing.assert_array_equal(load_cifar10(tmp_path / "unpacked").images, train.images)


def test_one_cifar10_class_by_name_or_number(cifar):
    frogs = load_cifar10(cifar, "frog")
    assert len(frogs) > 0 and set(frogs.labels) == {6}
    np.testing.assert_array_equal(load_cifar10(cifar, "6").images, frogs.images)
    assert load_images(cifar10=cifar, class_name="frog").images.shape == frogs.images.shape
    with pytest.raises(GenlabError, match="unknown CIFAR-10 class 'unicorn'"):
        load_cifar10(cifar, "unicorn")


def test_a_tampered_or_incomplete_cifar10_tarball_is_refused(tmp_path):
    marker = tmp_path / "executed"
    batches = {f"data_batch_{i}": cifar_batch(i) for i in range(1, 6)}
    tampered = write_cifar(tmp_path / "tampered.tar.gz", {**batches, "data_batch_3": RunsCode(marker)})
    with pytest.raises(GenlabError, match="data_batch_3 is not a valid data pickle"):
        load_cifar10(tampered)
    assert not marker.exists()
    incomplete = write_cifar(tmp_path / "incomplete.tar.gz", batches)
    with pytest.raises(GenlabError, match="has no CIFAR-10 batch test_batch"):
        load_cifar10(incomplete, split="test")
    wrong = write_cifar(tmp_path / "wrong.tar.gz", {**batches, "data_batch_1": {"data": np.zeros((2, 5), "uint8"),
                                                                             "labels": [0, 1]}})
    with pytest.raises(GenlabError, match="does not hold 32×32 colour images"):
        load_cifar10(wrong)
    (tmp_path / "junk.tar.gz").write_bytes(b"junk")
    with pytest.raises(GenlabError, match="junk.tar.gz is not a tar archive; give CIFAR-10's python version") as raised:
        load_cifar10(tmp_path / "junk.tar.gz")
    assert "\n" not in str(raised.value)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(tampered.read_bytes()[:2000])
    with pytest.raises(GenlabError, match="cut.tar.gz is not a readable CIFAR-10 tarball") as raised:
        load_cifar10(cut)
    assert "\n" not in str(raised.value)

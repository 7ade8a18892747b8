import os
import platform
import resource
import subprocess
import sys

import keras
import pytest

#: Switches transparent huge pages off for the process (whether a mapping gets them depends on its alignment,
#: which would make page counts vary) or exits with code 3 where the kernel refuses.
WITHOUT_HUGE_PAGES = """
import ctypes, sys
libc = ctypes.CDLL("libc.so.6")
if libc.prctl(41, 1, 0, 0, 0) != 0:  # PR_SET_THP_DISABLE
    sys.exit(3)
"""

#: Allocates and frees an 8 MB array 20 times after TensorFlow's generator dataset has set glibc's trim
#: threshold (as Keras' ``fit`` does), optionally after genlab's fix, and prints the minor page faults. The
#: process starts from glibc's own 128 kB mmap threshold (it moves up with what importing TensorFlow happens
#: to free), so that pages are counted the same way every time.
ALLOCATION_LOOP = WITHOUT_HUGE_PAGES + """
import resource
import numpy as np, tensorflow as tf
from genlab.backend import M_MMAP_THRESHOLD, reuse_freed_memory
libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)
for _ in tf.data.Dataset.from_generator(lambda: iter([0]), output_signature=tf.TensorSpec((), tf.int32)):
    pass
if sys.argv[1] == "reuse":
    reuse_freed_memory()
np.ones(2**20)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    np.ones(2**20)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""

#: Makes a 64 MB TensorFlow tensor 10 times after importing genlab and prints the minor page faults.
TENSOR_LOOP = WITHOUT_HUGE_PAGES + """
import resource
import genlab, tensorflow as tf
x = tf.ones((2**24,))
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(10):
    x = tf.ones((2**24,)) + 1.0
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""

#: Pages in a mebibyte on this machine.
PAGES_PER_MB = 2**20 // resource.getpagesize()

tensorflow_on_glibc = pytest.mark.skipif(
    keras.backend.backend() != "tensorflow" or not sys.platform.startswith("linux")
    or platform.libc_ver()[0] != "glibc", reason="TensorFlow on Linux with glibc only")


def page_faults(program, *args, environ=None):
    result = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, env=environ)
    if result.returncode == 3:
        pytest.skip("the kernel does not let a process switch off transparent huge pages")
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


@tensorflow_on_glibc
def test_freed_memory_is_reused_instead_of_faulted_in_again():
    assert page_faults(ALLOCATION_LOOP, "tensorflow") > 20 * 7.5 * PAGES_PER_MB  # every 8 MB array afresh
    assert page_faults(ALLOCATION_LOOP, "reuse") < 8 * PAGES_PER_MB


@tensorflow_on_glibc
def test_tensorflow_keeps_freed_tensors_in_its_pool_unless_the_user_says_otherwise():
    environ = {name: value for name, value in os.environ.items() if name != "TF_CPU_ALLOCATOR_USE_BFC"}
    pooled = page_faults(TENSOR_LOOP, environ=environ)
    malloced = page_faults(TENSOR_LOOP, environ={**environ, "TF_CPU_ALLOCATOR_USE_BFC": "false"})
    assert malloced > 20 * 60 * PAGES_PER_MB  # two 64 MB tensors a step, each faulted in afresh
    assert pooled < malloced / 3  # the pool grows over the first steps, then reuses its memory

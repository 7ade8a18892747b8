import os
import subprocess
import sys

import keras
import pytest


#: Allocates and frees an 8 MB array 20 times after TensorFlow's generator dataset has set glibc's trim
#: threshold (as Keras' ``fit`` does), optionally after genlab's fix, and prints the minor page faults. To
#: count pages the same way every time, the process starts from glibc's own 128 kB mmap threshold (it moves
#: up with what importing TensorFlow happens to free) and without transparent huge pages (whether a mapping
#: gets them depends on its alignment).
ALLOCATION_LOOP = """
import ctypes, resource, sys
import numpy as np, tensorflow as tf
from genlab.backend import M_MMAP_THRESHOLD, reuse_freed_memory
PR_SET_THP_DISABLE = 41
libc = ctypes.CDLL("libc.so.6")
libc.prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)
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
TENSOR_LOOP = """
import ctypes, resource
ctypes.CDLL("libc.so.6").prctl(41, 1, 0, 0, 0)  # PR_SET_THP_DISABLE
import genlab, tensorflow as tf
x = tf.ones((2**24,))
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(10):
    x = tf.ones((2**24,)) + 1.0
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def page_faults(program, *args, environ=None):
    result = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, check=True,
                            env=environ)
    return int(result.stdout.split()[-1])


@pytest.mark.skipif(keras.backend.backend() != "tensorflow" or not sys.platform.startswith("linux"),
                    reason="TensorFlow on glibc only")
def test_freed_memory_is_reused_instead_of_faulted_in_again():
    assert page_faults(ALLOCATION_LOOP, "tensorflow") > 20 * 2_000  # 2,048 pages per 8 MB array, every time
    assert page_faults(ALLOCATION_LOOP, "reuse") < 2_000


@pytest.mark.skipif(keras.backend.backend() != "tensorflow" or not sys.platform.startswith("linux"),
                    reason="TensorFlow on Linux only")
def test_tensorflow_keeps_freed_tensors_in_its_pool_unless_the_user_says_otherwise():
    environ = {name: value for name, value in os.environ.items() if name != "TF_CPU_ALLOCATOR_USE_BFC"}
    pooled = page_faults(TENSOR_LOOP, environ=environ)
    malloced = page_faults(TENSOR_LOOP, environ={**environ, "TF_CPU_ALLOCATOR_USE_BFC": "false"})
    assert malloced > 20 * 15_000  # two 16,384-page tensors a step, each faulted in afresh
    assert pooled < malloced / 3  # the pool grows over the first steps, then reuses its memory


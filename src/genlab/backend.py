"""The one place that knows which Keras backend is running: compiling a function for speed.

Everything else in genlab is written with ``keras.ops``. A Python loop of eager calls is far too slow for
token-by-token generation on TensorFlow (~7 tokens/s for an LSTM), so the whole loop is compiled here.
"""

import weakref

import keras

_compiled = weakref.WeakKeyDictionary()


def compiled_for(model, fn, key):
    """Compile ``fn``, a function that calls ``model``, and return the compiled version.

    TensorFlow reads variables when the graph runs, so its compiled function is kept on the model and
    reused (under ``key``) even after training changes the weights. XLA compilation makes the token loop
    about 20 times faster than a plain TensorFlow graph on a CPU (BENCHMARKS.md), first call included. JAX bakes the weights into the traced
    program, so it compiles afresh on every request. PyTorch runs ``fn`` eagerly.
    """
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        cache = _compiled.setdefault(model, {})
        if key not in cache:
            cache[key] = tf.function(fn, reduce_retracing=True, jit_compile=True)
        return cache[key]
    if backend == "jax":
        import jax

        return jax.jit(fn)
    return fn

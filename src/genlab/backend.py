"""The one place that knows which Keras backend is running: compiled loops and input gradients.

Everything else in genlab is written with ``keras.ops``. A Python loop of eager calls is far too slow for
token-by-token generation on TensorFlow (~7 tokens/s for an LSTM), so the whole loop is compiled here; and
Keras has no backend-neutral way to differentiate with respect to an input image.
"""

import weakref

import keras
import numpy as np

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


def value_and_input_gradient(fn):
    """Compile ``x, *args -> (fn(x, *args), d fn / d x)`` for a scalar ``fn`` written with ``keras.ops``.

    This is what gradient ascent on an image (DeepDream) and optimisation of an image (style transfer)
    need; Keras has no backend-neutral gradient, so each backend's own is used here. Inputs and outputs are
    NumPy arrays.
    """
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        @tf.function(reduce_retracing=True)
        def compiled(x, *args):
            with tf.GradientTape() as tape:
                tape.watch(x)
                value = fn(x, *args)
            return value, tape.gradient(value, x)

        return lambda x, *args: tuple(np.asarray(t) for t in compiled(tf.constant(x), *args))
    if backend == "jax":
        import jax

        compiled = jax.jit(jax.value_and_grad(fn))
        return lambda x, *args: tuple(np.asarray(t) for t in compiled(x, *args))
    import torch

    def eager(x, *args):
        x = torch.tensor(x, requires_grad=True)
        value = fn(x, *args)
        (gradient,) = torch.autograd.grad(value, x)
        return value.detach().cpu().numpy(), gradient.detach().cpu().numpy()

    return eager

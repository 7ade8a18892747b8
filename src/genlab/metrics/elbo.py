"""The negative evidence lower bound (−ELBO) of a VAE, in nats per image.

For a Bernoulli decoder and a standard-normal prior,

    −ELBO(x) = E_q(z|x)[−log p(x|z)] + KL(q(z|x) ‖ N(0, I))

The first term, estimated with one sample z ~ q(z|x), is the binary cross-entropy between the image and the
decoder's logits, summed over every pixel and channel; the second has the closed form
−½ Σ_d (1 + log σ²_d − μ²_d − σ²_d). Both are per image, so a batch mean is nats per image whatever
weighting a training loss uses. With pixel values strictly between 0 and 1 (MNIST's grey edges) the
cross-entropy cannot reach 0, so this is an upper bound on −log p(x) of continuous-valued images, comparable
between models on the same data but not to papers that binarise MNIST.
"""

from keras import ops


def reconstruction_nats(images, logits):
    """−log p(x|z) per image: binary cross-entropy of ``images`` in [0, 1] under ``logits``, summed over pixels."""
    per_pixel = ops.binary_crossentropy(images, logits, from_logits=True)
    return ops.sum(ops.reshape(per_pixel, (ops.shape(per_pixel)[0], -1)), axis=1)


def kl_nats(z_mean, z_log_var):
    """KL(N(z_mean, exp(z_log_var)) ‖ N(0, I)) per image, summed over the latent dimensions."""
    return -0.5 * ops.sum(1.0 + z_log_var - ops.square(z_mean) - ops.exp(z_log_var), axis=-1)


def neg_elbo_nats(images, logits, z_mean, z_log_var):
    """(−ELBO, reconstruction, KL) per image, each of shape (batch,)."""
    reconstruction = reconstruction_nats(images, logits)
    kl = kl_nats(z_mean, z_log_var)
    return reconstruction + kl, reconstruction, kl

"""The names that some settings choose among, known without importing Keras: the command line's ``--help`` and
the studio's page offer them before any model is built."""

#: The diffusion samplers (``genlab.diffusion.samplers``): DDIM, and DPM-Solver++(2M) for fewer steps.
SAMPLERS = ("ddim", "dpm++")
#: The backbones whose weights come from genlab's asset cache (``genlab.backbones.registry``).
BUNDLED_BACKBONES = ("mobilenet_v2", "vgg16")
#: Where a diffusion U-Net's noise level and class join it (``genlab.diffusion.unet``): at its input only, or
#: in every residual block too.
CONDITIONS = ("input", "blocks")

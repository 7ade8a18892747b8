"""The page's own JavaScript, run once when it loads: what Gradio's components do not offer.

Dragging over the VAE's latent plane: while the mouse button is held down over the picture, each position is
written, in the picture's own pixels, into the hidden ``#vae-drag`` box, whose ``change`` event decodes it
(only the latest position waits while one is decoded). The browser's own dragging of the picture is turned off.
"""

PAGE_SCRIPT = """
() => {
  const plane = (event) => event.target.closest && event.target.closest('#vae-plane img');
  document.addEventListener('dragstart', (event) => { if (plane(event)) event.preventDefault(); });
  document.addEventListener('mousemove', (event) => {
    const picture = plane(event);
    const box = document.querySelector('#vae-drag textarea, #vae-drag input');
    if (!picture || !box || event.buttons !== 1) return;
    const area = picture.getBoundingClientRect();
    const x = Math.round((event.clientX - area.left) * picture.naturalWidth / area.width);
    const y = Math.round((event.clientY - area.top) * picture.naturalHeight / area.height);
    box.value = `${x},${y}`;
    box.dispatchEvent(new Event('input', {bubbles: true}));
  });
}
"""

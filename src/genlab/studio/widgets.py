"""Small pieces of page that every tab uses."""


def progress_bar(done):
    """HTML for a bar ``done`` (0..1) of the way along, for a job whose outputs stream (Gradio draws its own
    bar only until a streaming job's first result arrives)."""
    return f'<progress value="{done:.3f}" max="1" style="width:100%">{done:.0%}</progress>'

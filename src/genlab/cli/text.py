"""``genlab text train | generate | presets``."""

from genlab import ranges
from genlab.cli.common import (add_command, add_distribution_arguments, add_group, add_json, add_precision,
                               add_preset_overrides, add_renamed, add_resume_or_overwrite, add_seed,
                               add_tensorboard_argument, add_training_budget, distribution_options, fraction,
                               model, non_negative_int, number, number_list, positive_float, positive_int)
from genlab.cli.output import note, result, run_result
from genlab.cli.presets import add_presets_command

TEMPERATURE_HELP = "one or more comma-separated sampling temperatures; 0 always picks the likeliest token"


def register(groups):
    commands = add_group(groups, "text", "Train language models and generate text (char-level LSTM, word-level Transformer).", [
        "genlab text train --preset cpu --minutes 10 --run runs/plays",
        "genlab text generate runs/plays --prompt 'ROMEO:' --temperature 0.2,0.5,1.0",
        "genlab text presets",
    ])
    train = add_command(commands, "train", "Train a language model on a corpus, printing samples after every epoch.", [
        "genlab text train --minutes 5 --run runs/plays",
        "genlab text train --preset cpu --minutes 10 --run runs/plays-cpu",
        "genlab text train --corpus nietzsche.txt --epochs 60 --run runs/nietzsche",
        "genlab text train --model word --corpus aclImdb/ --prompt 'this movie' --run runs/imdb",
        "genlab text train --resume --run runs/plays --minutes 5",
    ], _train)
    train.add_argument("--run", default="runs/text", help="run folder for checkpoints and samples (default: runs/text)")
    train.add_argument("--corpus", help="shakespeare (default), nietzsche, imdb, a UTF-8 text file or a folder of .txt files")
    train.add_argument("--model", dest="kind", choices=("char", "word"), default="char",
                       help="char: characters, with the book's LSTM; word: words, with the book's Transformer")
    train.add_argument("--preset", help="book (Deep Learning with Python's settings, default) or cpu (char only: "
                       "tuned for a CPU); `genlab text presets` shows what each contains")
    add_training_budget(train, "epochs")
    add_resume_or_overwrite(train)
    add_seed(train, uses="the initial weights, the batches and the samples")
    add_json(train)
    train.add_argument("--val-fraction", type=fraction, default=0.1,
                       help="share of the corpus's end held out (default 0.1)")
    train.add_argument("--prompt", help="prompt for the per-epoch samples (default: a held-out snippet)")
    add_tensorboard_argument(train)
    add_distribution_arguments(train)
    settings = add_preset_overrides(train, [
        ("--architecture", str, "rnn (LSTM/GRU) or transformer"),
        ("--steps-per-epoch", positive_int, "optimisation steps between samples/checkpoints"),
        ("--batch-size", positive_int, "windows per step"), ("--context", positive_int, "tokens per window"),
        ("--stride", positive_int, "distance between window starts (the book: 3)"),
        ("--learning-rate", positive_float, "optimiser learning rate"),
        ("--optimizer", str, "rmsprop, adam, adamw or sgd"),
        ("--clipnorm", positive_float, "clip gradients to this norm (a resized preset: 1)"),
        ("--warmup-steps", non_negative_int, "steps over which the learning rate rises from 0 (a resized preset: 100)"),
        ("--units", positive_int, "rnn: recurrent units per layer"),
        ("--layers", positive_int, "rnn: recurrent layers"),
        ("--cell", str, "rnn: lstm or gru"),
        ("--embedding-dim", non_negative_int, "rnn: 0 = one-hot input as in the book"),
        ("--predict", str, "rnn: last (the book) or all positions"), ("--dropout", fraction, "dropout rate"),
        ("--embed-dim", positive_int, "transformer: embedding size"),
        ("--heads", positive_int, "transformer: attention heads"),
        ("--ff-dim", positive_int, "transformer: feed-forward size"),
        ("--blocks", positive_int, "transformer: decoder blocks"),
        ("--vocab-size", positive_int, "word: vocabulary size"), ("--sample-length", positive_int, "tokens per sample"),
    ])
    add_precision(settings)
    settings.add_argument("--temperature", dest="temperatures", metavar="TEMPERATURE",
                          type=number_list(ranges.NON_NEGATIVE), help=TEMPERATURE_HELP + " for the per-epoch samples")
    add_renamed(train, "--temperatures", new="--temperature")

    generate = add_command(commands, "generate", "Generate text from a trained model.", [
        "genlab text generate runs/text --prompt 'ROMEO:' --length 300",
        "genlab text generate runs/text --prompt 'The king' --temperature 0.2,0.5,1.0 --seed 7",
        "genlab text generate runs/imdb/model.keras --prompt 'this movie' --top-p 0.9 -o review.txt",
    ], _generate)
    generate.add_argument("model", type=model, help="a run folder of genlab text train, or its model.keras")
    generate.add_argument("--prompt", help="text to continue (default: a new line for char models, 'the' for word "
                          "models; a random token the model knows if it has neither)")
    generate.add_argument("--length", type=non_negative_int, default=400, help="tokens to generate (default 400)")
    generate.add_argument("--temperature", type=number_list(ranges.NON_NEGATIVE), default=[0.5], help=TEMPERATURE_HELP)
    add_renamed(generate, "--temperatures", new="--temperature")
    generate.add_argument("--top-k", type=non_negative_int, default=0,
                          help="sample only among the k most likely tokens (0: among all)")
    generate.add_argument("--top-p", type=number(ranges.TOP_P), default=1.0,
                          help="sample only among the likeliest tokens that together have this probability "
                               "(1: among all)")
    generate.add_argument("-o", "--output", help="write the text to this file (default: print it)")
    add_seed(generate, uses="the sampling")
    add_json(generate)

    add_presets_command(commands, "text", "genlab.text.presets")


def _train(args):
    from genlab import text

    overrides = {name: getattr(args, name) for name in (
        "architecture", "precision", "steps_per_epoch", "batch_size", "context", "stride", "learning_rate", "optimizer", "clipnorm", "warmup_steps", "units",
        "layers", "cell", "embedding_dim", "predict", "dropout", "embed_dim", "heads", "ff_dim", "blocks",
        "vocab_size", "sample_length", "temperatures")}
    state = text.train(run=args.run, corpus=args.corpus, kind=args.kind, preset=args.preset, epochs=args.epochs,
                       minutes=args.minutes, resume=args.resume, overwrite=args.overwrite, seed=args.seed, val_fraction=args.val_fraction,
                       prompt=args.prompt, tensorboard=args.tensorboard, distribute=distribution_options(args),
                       **overrides)
    run_result(args.run, state)


def _generate(args):
    from pathlib import Path

    from genlab import images, text
    from genlab.training.seeding import resolve_seed

    if args.output:
        images.check_outputs([(images.writable(args.output), "the text")], inputs=[args.model])
    model = text.load(args.model)
    announced = []  # said after the text, so that a refused prompt stays a one-line error
    args.seed = resolve_seed(args.seed, announce=announced.append)
    outputs = text.generate(model, args.prompt, args.length, args.temperature, top_k=args.top_k, top_p=args.top_p,
                            seed=args.seed)
    samples = list(outputs)
    lines = []
    for temperature, sample in zip(args.temperature, samples):
        lines += [f"--- temperature {temperature}"] if len(samples) > 1 else []
        lines.append(sample)
    written = "\n".join(lines) + "\n"
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(written, encoding="utf-8")
    for line in announced:
        note(line)
    data = {"seed": args.seed, "prompt": args.prompt,
            "samples": [{"temperature": t, "text": sample} for t, sample in zip(args.temperature, samples)]}
    result(f"wrote {args.output}" if args.output else written.rstrip("\n"), data)

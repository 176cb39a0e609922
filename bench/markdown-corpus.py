#!/usr/bin/env python3
"""Write a large, varied Markdown lecture without cells, for bench/site.

Usage: bench/markdown-corpus.py OUT.md [MEGABYTES]   (default 4 MB; deterministic)
Headings, paragraphs with emphasis, links, inline code and inline $math$, nested
lists, block quotes, fenced code, tables written as pipe text, display math.
"""
import random
import sys

out, megabytes = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 4.0
rng = random.Random(8)
words = ("policy gradient reward trajectory estimate variance baseline token sentence model "
         "expectation sample update learning rate horizon return value function action state "
         "enumerate exact finite difference logits softmax probability score credit assignment "
         "unbiased discount prefix target vocabulary average").split()
maths = [r"\nabla_\theta J(\theta)", r"x_i^2 + y_i^2", r"\alpha + \beta", r"\pi_\theta(a_t \mid s_t)",
         r"\gamma^{t'} r_{t'}", r"\frac{1}{N}\sum_{i=1}^N g_i", r"\sqrt{\sigma^2 / N}", r"\log p(\tau; \theta)"]


def phrase(n):
    return " ".join(rng.choice(words) for _ in range(n))


def inline():
    k = rng.randrange(8)
    if k == 0:
        return f"*{phrase(2)}*"
    if k == 1:
        return f"**{phrase(2)}**"
    if k == 2:
        return f"[{phrase(2)}](https://example.org/{rng.choice(words)}/{rng.randrange(1000)})"
    if k == 3:
        return f"`{rng.choice(words)}_{rng.randrange(100)}()`"
    if k == 4:
        return f"${rng.choice(maths)}$"
    return phrase(rng.randrange(3, 9))


def paragraph():
    sentences = []
    for _ in range(rng.randrange(2, 6)):
        s = " ".join(inline() for _ in range(rng.randrange(3, 8)))
        sentences.append(s[0].upper() + s[1:] + ".")
    text = " ".join(sentences)
    lines, line = [], ""
    for w in text.split(" "):
        if len(line) + len(w) > 78:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines)


def block(section):
    k = rng.randrange(10)
    if k < 4:
        return paragraph()
    if k == 4:
        items = []
        for i in range(rng.randrange(3, 7)):
            items.append(f"- {inline()} {phrase(4)}")
            if rng.random() < 0.3:
                items.append(f"  1. {inline()} {phrase(3)}")
                items.append(f"  2. {phrase(5)}")
        return "\n".join(items)
    if k == 5:
        rows = ["| step | " + " | ".join(rng.sample(words, 3)) + " |", "|---|---|---|---|"]
        for i in range(rng.randrange(3, 8)):
            rows.append(f"| {i} | " + " | ".join(f"{rng.random():.4f}" for _ in range(3)) + " |")
        return "\n".join(rows)
    if k == 6:
        body = "\n".join(f"    let {rng.choice(words)}{i} = {rng.random():.3f} * Double({i})  // ${i}"
                         for i in range(rng.randrange(3, 9)))
        return f"```swift\nfunc f{section}() {{\n{body}\n}}\n```"
    if k == 7:
        return "\n".join(f"> {paragraph_line}" for paragraph_line in paragraph().splitlines())
    if k == 8:
        return f"$$\n{rng.choice(maths)} = {rng.choice(maths)}\n$$"
    return f"1. {inline()} {phrase(5)}\n2. {inline()} {phrase(4)}\n3. {phrase(6)}"


parts = ["---\ntitle: A large lecture without cells\nlecture: 1\n---\n", "# A large lecture without cells\n"]
size, section = 0, 0
while size < megabytes * 1_000_000:
    section += 1
    parts.append(f"## Section {section}: {phrase(3)}\n")
    for sub in range(rng.randrange(1, 4)):
        parts.append(f"### {phrase(2)} {section}.{sub}\n")
        for _ in range(rng.randrange(3, 8)):
            parts.append(block(section) + "\n")
    size = sum(len(p.encode()) + 1 for p in parts)
with open(out, "w") as f:
    f.write("\n".join(parts))

"""Random networks for the nn tests (a helper module, not a test file)."""
import numpy as np

from boolnet.nn import Layer, Network


def random_threshold_net(seed: int, max_inputs: int = 8, weight: int = 5) -> Network:
    """A random integer step/sign network with random skip connections."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, max_inputs + 1))
    widths, layers = [n], []
    for _ in range(int(rng.integers(1, 4))):
        k = len(widths)
        extra = rng.choice(k, size=int(rng.integers(0, k)), replace=True) if k > 1 else []
        sources = sorted({k - 1, *map(int, extra)})
        out = int(rng.integers(1, 5))
        n_in = sum(widths[s] for s in sources)
        W = rng.integers(-weight, weight + 1, (out, n_in))
        b = rng.integers(-weight - 1, weight + 2, out)
        layers.append(Layer(W, b, str(rng.choice(["step", "sign"])), sources))
        widths.append(out)
    return Network(n, layers, encoding=rng.choice([None, "pm1"]))


def deep_parity(n: int) -> Network:
    """The balanced XOR tree (3 step units per XOR, skip connections when n is not 2^k)."""
    wires, layers, widths = [(0, j) for j in range(n)], [], [n]
    while len(wires) > 1:
        pairs = [(wires[i], wires[i + 1]) for i in range(0, len(wires) - 1, 2)]
        left = [wires[-1]] if len(wires) % 2 else []
        srcs = sorted({s for p in pairs for s, _ in p})
        off, o = {}, 0
        for s in srcs:
            off[s], o = o, o + widths[s]
        W = np.zeros((2 * len(pairs), o), np.int64)
        b = np.zeros(2 * len(pairs), np.int64)
        for i, ((s1, c1), (s2, c2)) in enumerate(pairs):
            W[2 * i, [off[s1] + c1, off[s2] + c2]] = 1
            b[2 * i] = -1  # OR: a + b - 1 >= 0
            W[2 * i + 1, [off[s1] + c1, off[s2] + c2]] = -1
            b[2 * i + 1] = 1  # NAND: -a - b + 1 >= 0
        layers.append(Layer(W, b, "step", srcs))
        widths.append(2 * len(pairs))
        W2 = np.zeros((len(pairs), 2 * len(pairs)), np.int64)
        for i in range(len(pairs)):
            W2[i, 2 * i] = W2[i, 2 * i + 1] = 1  # AND: u + v - 2 >= 0
        layers.append(Layer(W2, np.full(len(pairs), -2), "step", [len(layers)]))
        widths.append(len(pairs))
        wires = [(len(layers), i) for i in range(len(pairs))] + left
    return Network(n, layers)

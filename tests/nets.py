"""Hand-built networks for the nn and export tests (a helper module, not a test file).

Built from Layer and Network alone, not by boolnet.compile, so that the tests of the
nn core and of the exporters do not lean on the compilers they would check."""
import numpy as np

from boolnet.nn import Layer, Network


def xor_net() -> Network:
    """XOR from 3 step units: OR and NAND feeding an AND."""
    return Network(2, [Layer([[1, 1], [-1, -1]], [-1, 1]), Layer([[1, 1]], [-2])],
                   encoding="01", meta={"input_names": ["a", "b"], "output_names": ["xor"]})


def xor_pm1() -> Network:
    """The lecture's XOR on +-1 signals (True = 1, False = -1) with sign units."""
    return Network(2, [Layer([[1, -1], [-1, 1]], [-1, -1], "sign"), Layer([[1, 1]], [1], "sign")],
                   encoding="pm1")


def wide_parity(n: int) -> Network:
    """One AND unit per odd-weight minterm, then an OR: 2^(n-1) hidden units."""
    rows = [r for r in range(1 << n) if bin(r).count("1") % 2]
    bits = np.array([[(r >> (n - 1 - i)) & 1 for i in range(n)] for r in rows])
    W = np.where(bits == 1, 1, -1)
    b = -bits.sum(axis=1)  # fires only on its own minterm
    return Network(n, [Layer(W, b), Layer(np.ones((1, len(rows)), np.int64), [-1])])


def deep_parity(n: int) -> Network:
    """A balanced XOR tree of 3-unit XORs; an odd wire left over joins later by a skip."""
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
            b[2 * i] = -1
            W[2 * i + 1, [off[s1] + c1, off[s2] + c2]] = -1
            b[2 * i + 1] = 1
        layers.append(Layer(W, b, "step", srcs))
        widths.append(2 * len(pairs))
        W2 = np.zeros((len(pairs), 2 * len(pairs)), np.int64)
        for i in range(len(pairs)):
            W2[i, 2 * i] = W2[i, 2 * i + 1] = 1
        layers.append(Layer(W2, np.full(len(pairs), -2), "step", [len(layers)]))
        widths.append(len(pairs))
        wires = [(len(layers), i) for i in range(len(pairs))] + left
    return Network(n, layers)


def random_threshold_net(seed: int, max_inputs: int = 8, weight: int = 4,
                         varied: bool = True) -> Network:
    """A random integer step/sign network with random skips; ``varied`` adds zero weights, gains and the 01 label."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, max_inputs + 1))
    widths, layers = [n], []
    for _ in range(int(rng.integers(1, 4))):
        k = len(widths)
        extra = rng.choice(k, size=int(rng.integers(0, k)), replace=True) if k > 1 else []
        sources = sorted({k - 1, *map(int, extra)})
        out = int(rng.integers(1, 5))
        W = rng.integers(-weight, weight + 1, (out, sum(widths[s] for s in sources)))
        if varied:
            W[rng.random(W.shape) < 0.2] = 0  # some missing connections
        b = rng.integers(-weight - 1, weight + 2, out)
        gain = float(rng.choice([1.0, 1.0, 2.0, 0.5])) if varied else 1.0  # gain <= 0 is refused
        layers.append(Layer(W, b, str(rng.choice(["step", "sign"])), sources, gain))
        widths.append(out)
    if not varied:
        return Network(n, layers, encoding=rng.choice([None, "pm1"]))
    encoding = [None, "01", "pm1"][int(rng.integers(3))]
    outputs = None
    if rng.random() < 0.5:  # outputs from any layer: some of the last layer's units and earlier ones
        last = layers[-1].activation
        taps = [(k + 1, c) for k, layer in enumerate(layers) if layer.activation == last
                for c in range(layer.n_out)]
        mine = [(len(layers), c) for c in range(layers[-1].n_out)]
        pick = [taps[i] for i in rng.integers(0, len(taps), int(rng.integers(0, 4)))]
        outputs = [mine[int(rng.integers(len(mine)))]] + pick  # (repeats allowed)
        outputs = [outputs[i] for i in rng.permutation(len(outputs))]
    return Network(n, layers, encoding=encoding, outputs=outputs)


def float_net(seed: int = 0) -> Network:
    """A float network with tanh, relu and sigmoid hidden layers, a skip and a softmax output."""
    rng = np.random.default_rng(seed)
    layers = [Layer(rng.normal(size=(6, 5)), rng.normal(size=6), "tanh"),
              Layer(rng.normal(size=(4, 6)), rng.normal(size=4), "relu", gain=1.5),
              Layer(rng.normal(size=(3, 9)), rng.normal(size=3), "sigmoid", [2, 0]),
              Layer(rng.normal(size=(3, 3)), rng.normal(size=3), "linear"),
              Layer(rng.normal(size=(3, 3)), rng.normal(size=3), "softmax")]
    return Network(5, layers)


def inputs(net: Network) -> np.ndarray:
    """Every input row (first input most significant) in the network's encoding, as floats."""
    n = net.n_inputs
    rows = np.arange(1 << n)
    bits = (rows[:, None] >> np.arange(n - 1, -1, -1)) & 1
    # Floats: what the ONNX runtime and the float reference paths take.
    return (2 * bits - 1 if net.encoding == "pm1" else bits).astype(np.float64)


def output_bits(net: Network) -> np.ndarray:
    """The network's outputs on every row as bits (sign: +1 -> 1, -1 -> 0), (2^n, m) int."""
    return (net.forward(inputs(net)) > 0).astype(np.int64)

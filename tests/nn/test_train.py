"""The training loop: XOR to 100%, determinism, early stop, mini-batches, steepening."""
import numpy as np
import pytest

from boolnet.nn import Layer, Network, fit, geometric_gain, harden

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
Y_XOR = np.array([0, 1, 1, 0])


def xor_net(seed=0, hidden="tanh"):
    return Network.mlp([2, 4, 1], hidden=hidden, output="sigmoid", init="uniform", seed=seed)


def test_xor_trains_to_full_accuracy_from_a_fixed_seed():
    net = xor_net()
    hist = fit(net, X_XOR, Y_XOR, loss="bce", optimizer="adam", lr=0.05, epochs=3000, seed=0)
    assert hist.final_accuracy == 1.0
    assert hist.status.startswith("target accuracy")
    # The network returned is the one that reached the target (no update after the check).
    assert np.array_equal((net.forward(X_XOR)[:, 0] >= 0.5).astype(int), Y_XOR)
    assert len(hist.loss) == len(hist.accuracy) == hist.epochs + 1


@pytest.mark.parametrize("opt,batch", [("sgd", None), ("momentum", 2), ("adam", 1), ("adam", 3)])
def test_training_is_deterministic_for_a_seed(opt, batch):
    runs = []
    for _ in range(2):
        net = xor_net(seed=5)
        hist = fit(net, X_XOR, Y_XOR, optimizer=opt, lr=0.1, epochs=50, batch_size=batch, seed=7,
                   target_accuracy=None)
        runs.append((hist.loss, [l.W.copy() for l in net.layers]))
    assert runs[0][0] == runs[1][0]
    for a, b in zip(runs[0][1], runs[1][1]):
        assert np.array_equal(a, b)


def test_loss_decreases_and_epoch_limit_is_reported():
    net = xor_net(seed=1)
    hist = fit(net, X_XOR, Y_XOR, optimizer="sgd", lr=0.5, epochs=20, target_accuracy=None)
    assert hist.epochs == 20 and hist.status == "epoch limit reached"
    assert hist.loss[-1] < hist.loss[0]


def test_callback_can_stop_training():
    seen = []

    def cb(epoch, hist, net):
        seen.append(epoch)
        return epoch == 3

    hist = fit(xor_net(), X_XOR, Y_XOR, epochs=100, target_accuracy=None, callbacks=[cb])
    assert hist.status == "stopped by callback" and hist.epochs == 3 and seen == [0, 1, 2, 3]


def test_mask_ignores_dont_care_entries():
    # Row 3 is a don't-care: an unreachable target there must not stop 100% accuracy.
    Y = np.array([0, 1, 1, 1])
    mask = np.array([1, 1, 1, 0])[:, None]
    net = Network.mlp([2, 1], output="sigmoid", init="zeros")
    hist = fit(net, X_XOR, Y, mask=mask, optimizer="sgd", lr=1.0, epochs=500)
    assert hist.final_accuracy == 1.0  # (0,0)->0, (0,1)->1, (1,0)->1 is linearly separable


def test_softmax_output_with_cross_entropy_learns_labels():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    labels = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0)
    Y = np.eye(3)[labels]
    net = Network.mlp([2, 8, 3], hidden="relu", output="softmax", init="he", seed=0)
    hist = fit(net, X, Y, loss="ce", optimizer="adam", lr=0.05, epochs=500, target_accuracy=0.95)
    assert hist.final_accuracy >= 0.95


def test_steepening_then_hardening_gives_a_threshold_network():
    net = xor_net(seed=0)
    hist = fit(net, X_XOR, Y_XOR, loss="bce", lr=0.05, epochs=400,
               target_accuracy=None, gain_schedule=geometric_gain(1.0, 20.0, 400))
    assert hist.epochs == 400
    assert net.layers[0].gain == pytest.approx(20.0)
    result = harden(net, X_XOR, Y_XOR)
    assert result.network.is_threshold
    assert [l.activation for l in result.network.layers] == ["sign", "step"]
    assert result.matches is True and result.mismatched_rows == 0
    assert np.array_equal(result.network.forward(X_XOR)[:, 0], Y_XOR)


def test_harden_reports_when_targets_are_lost():
    # A sigmoid unit whose soft output is right only through its magnitude loses after hardening.
    net = Network(1, [Layer([[1.0]], [0.0], "tanh"), Layer([[1.0]], [0.5], "sigmoid")])
    X = np.array([[-1.0], [1.0]])
    Y = np.array([1, 1])  # soft: sigmoid(tanh(-1)+0.5) = sigmoid(-0.26) < 0.5 -> already wrong
    soft_ok = (net.forward(X)[:, 0] >= 0.5) == (Y == 1)
    res = harden(net, X, Y)
    assert soft_ok.tolist() == [False, True]
    assert res.matches is False and res.mismatched_rows == 1 and res.accuracy == 0.5

"""boolnet.nn: the NumPy network core (knows nothing of Boolean logic).

One ``Network`` type (layers of units with weights, bias, activation and sources) runs
compiled integer threshold networks exactly and trains float MLPs by backprop.
Signals: 0 = network inputs, k = output of ``layers[k-1]``; a layer reads ``sources``.
"""
from .activations import ACTIVATIONS, get_activation
from .exact import evaluate_all, input_rows, sum_bound, unpack
from .hardening import HardenResult, harden
from .init import init_layer
from .learners import LearnResult, delta_rule, logistic_regression, perceptron, softmax_regression
from .losses import accuracy, loss_delta
from .network import Layer, Network, Workspace
from .optim import SGD, Adam, make_optimizer
from .serialize import SCHEMA, dumps, from_dict, load, loads, save, to_dict
from .train import History, fit, geometric_gain

__all__ = [
    "Network", "Layer", "Workspace", "fit", "History", "geometric_gain",
    "perceptron", "delta_rule", "logistic_regression", "softmax_regression", "LearnResult",
    "evaluate_all", "input_rows", "sum_bound", "unpack", "harden", "HardenResult",
    "load", "save", "to_dict", "from_dict", "dumps", "loads", "SCHEMA",
    "SGD", "Adam", "make_optimizer", "init_layer", "loss_delta", "accuracy",
    "ACTIVATIONS", "get_activation",
]

"""boolnet.nn: the NumPy network core (knows nothing of Boolean logic).

One ``Network`` type (layers of units with weights, bias, activation and sources) runs
compiled integer threshold networks exactly and trains float MLPs by backprop.
"""
from .activations import ACTIVATIONS, get_activation
from .init import init_layer
from .losses import accuracy, loss_delta
from .network import Layer, Network, Workspace
from .optim import SGD, Adam, make_optimizer
from .train import History, fit, geometric_gain

__all__ = [
    "Network", "Layer", "Workspace", "fit", "History", "geometric_gain",
    "SGD", "Adam", "make_optimizer", "init_layer", "loss_delta", "accuracy",
    "ACTIVATIONS", "get_activation",
]

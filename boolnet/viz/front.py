"""Draw a depth/size trade-off (``boolnet.tradeoff``): neurons and weights against depth.

One marker per construction, the front as a step line (the fewest neurons, or weights,
at each depth or less), known lower bounds as a shaded region, and points that could
not be proven drawn hollow. The y axes are logarithmic: sizes span 1 to 2^(N-1).
"""
from __future__ import annotations

import math

from .plotting import pyplot, save_figure

__all__ = ["plot_front", "MARKERS"]

#: Marker and colour of each construction family.
MARKERS = {
    "threshold": ("*", "#000000"), "wide": ("s", "#d62728"), "symmetric": ("D", "#9467bd"),
    "telescoping": ("o", "#1f77b4"), "cascade": ("^", "#2ca02c"), "xor-tree": ("v", "#ff7f0e"),
    "deep": ("P", "#8c564b"), "exact": ("X", "#e377c2"), "synth": ("h", "#17becf"),
}


def _step(ax, points, measure: str) -> None:
    """The front as a step line: the least ``measure`` at each depth or less."""
    best = {}
    for p in points:
        v = getattr(p, measure)
        best[p.depth] = min(best.get(p.depth, v), v)
    xs, ys, running = [], [], math.inf
    for d in sorted(best):
        running = min(running, best[d])
        xs.append(d)
        ys.append(running)
    if xs:
        xs.append(xs[-1] + 0.5)
        ys.append(ys[-1])
        ax.step(xs, ys, where="post", color="0.3", lw=1.5, zorder=1,
                label=f"least {measure} at depth <= d")


def plot_front(result, path=None, *, title: str | None = None):
    """Draw neurons and weights against depth for a :class:`boolnet.pareto.Tradeoff`.

    Saves to ``path`` (format from the extension) and returns it, or returns the figure.
    """
    plt = pyplot()
    from matplotlib.ticker import FuncFormatter, LogLocator
    fig, axes = plt.subplots(1, 2, figsize=(11, 5))
    proven = result.front + result.dominated
    depths = [p.depth for p in result.points] + list(result.lower_bounds) or [1]
    for ax, measure in zip(axes, ("neurons", "weights")):
        if measure == "neurons" and result.lower_bounds:
            ds = sorted(result.lower_bounds)
            tops = [min(result.lower_bounds[d][0], 1e12) for d in ds]
            # A bound b on a whole number of units rules out everything below ceil(b).
            tops = [math.ceil(t) - 1e-9 if t < 1e12 else t for t in tops]
            ax.fill_between([d - 0.5 for d in ds] + [ds[-1] + 0.5], [0.5] * (len(ds) + 1),
                            tops + tops[-1:], step="post", color="0.85", zorder=0,
                            label="ruled out by a known lower bound")
        _step(ax, proven, measure)
        seen = set()
        for p in result.points:
            marker, colour = MARKERS.get(p.construction, ("o", "0.5"))
            label = None
            if p.construction not in seen:
                seen.add(p.construction)
                label = p.construction
            on_front = p in result.front
            face = "none" if not p.verified else colour
            ax.scatter([p.depth], [getattr(p, measure)], marker=marker, s=70 if on_front else 40,
                       facecolors=face, edgecolors=colour if p.verified else "0.4",
                       linewidths=1.8 if on_front else 0.8, zorder=3, label=label)
        if result.unverified:
            ax.scatter([], [], marker="o", facecolors="none", edgecolors="0.4",
                       label="not proven (hollow)")
        ax.set_yscale("log")
        ax.set_xlim(min(depths) - 0.6, max(depths) + 0.6)
        values = [getattr(p, measure) for p in result.points] or [1]
        ax.set_ylim(0.7 if measure == "neurons" else max(0.7, min(values) / 2), max(values) * 2)
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1, 2, 5)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
        ax.set_xticks(range(min(depths), max(depths) + 1))
        ax.set_xlabel("depth (layers of weights)")
        ax.set_ylabel(f"{measure} (log scale)")
        ax.grid(True, which="both", alpha=0.25)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(5, len(labels)), fontsize=8,
               frameon=False)
    fig.suptitle(title or f"{result.name}: size against depth "
                          f"(large markers: on the Pareto front of all five measures)")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    if path is None:
        return fig
    return save_figure(fig, path)

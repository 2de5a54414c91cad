"""A force-directed layout for thousands of members.  Pure numpy, no Django.

:func:`warmnet.maps.layout.force_layout` compares every pair of members, which is exact but
quadratic: fine for a few hundred, minutes and gigabytes for ten thousand.  Here the
repulsion between all pairs goes through a grid instead (the particle-mesh method of
simulations): members are counted into cells, the counts are convolved with the
repulsive force (by FFT, so all cells act on all cells at once), and each member feels the
force of its cell; members sharing a cell push apart from their cell's centre.  Ties attract
as in Fruchterman-Reingold.  One step costs O(members + ties + cells log cells), so ten
thousand members and fifty thousand ties take about a second.  Deterministic: no random
numbers, the same input gives the same picture.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["mesh_layout"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Cells per side of the grid.
GRID = 96


def _kernels(grid: int) -> tuple[npt.NDArray[np.complex128], npt.NDArray[np.complex128]]:
    """FFTs of the repulsion r / |r|^2 (per unit of k^2 / cell size) on a doubled grid."""
    size = 2 * grid
    off = np.fft.fftfreq(size, 1.0 / size)  # 0, 1, ..., grid-1, -grid, ..., -1
    dx, dy = np.meshgrid(off, off, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[0, 0] = 1.0
    kx, ky = dx / r2, dy / r2
    kx[0, 0] = ky[0, 0] = 0.0
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


def mesh_layout(
    start: FloatArray,
    u: IntArray,
    v: IntArray,
    weight: FloatArray,
    iterations: int = 150,
    grid: int = GRID,
) -> FloatArray:
    """Positions (n x 2) from ``start`` for the ties (u, v) with weights in (0, 1].

    The same forces as :func:`warmnet.maps.layout.force_layout` (all pairs repel with
    k^2 / d, tied pairs attract with weight x d^2 / k, a weak pull to the centre, stronger
    for members without a tie), with the repulsion approximated on a ``grid`` x ``grid``
    mesh laid over the current extent.
    """
    pos = start.astype(np.float64).copy()
    n = pos.shape[0]
    if n <= 1:
        return np.zeros((n, 2))
    fx_hat, fy_hat = _kernels(grid)
    k = 1.0 / np.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    loose = np.ones(n, dtype=bool)
    loose[u] = False
    loose[v] = False
    gravity = np.where(loose, 0.6, 0.05)[:, None]
    size = 2 * grid
    for _ in range(iterations):
        lo = pos.min(axis=0)
        span = max(float((pos.max(axis=0) - lo).max()), 1e-6)
        cell = span / (grid - 1)
        ij = np.minimum(((pos - lo) / cell).astype(np.int64), grid - 1)
        flat = ij[:, 0] * grid + ij[:, 1]
        counts = np.bincount(flat, minlength=grid * grid).astype(np.float64)
        padded = np.zeros((size, size))
        padded[:grid, :grid] = counts.reshape(grid, grid)
        spectrum = np.fft.rfft2(padded)
        field_x = np.fft.irfft2(spectrum * fx_hat, s=(size, size))[:grid, :grid].ravel()
        field_y = np.fft.irfft2(spectrum * fy_hat, s=(size, size))[:grid, :grid].ravel()
        scale = k * k / cell
        disp = np.column_stack([field_x[flat], field_y[flat]]) * scale
        # inside a cell: away from the cell's centre, as hard as its crowd pushes
        mean_x = np.bincount(flat, pos[:, 0], grid * grid) / np.maximum(counts, 1)
        mean_y = np.bincount(flat, pos[:, 1], grid * grid) / np.maximum(counts, 1)
        local = pos - np.column_stack([mean_x[flat], mean_y[flat]])
        crowd = (counts[flat] - 1.0)[:, None]
        disp += local * crowd * (k * k) / (cell * cell / 4 + (local**2).sum(axis=1))[:, None]
        if u.size:
            d = pos[u] - pos[v]
            length = np.maximum(np.sqrt((d**2).sum(axis=1)), 1e-3)
            pull = (weight * length / k)[:, None] * d
            disp[:, 0] -= np.bincount(u, pull[:, 0], n) - np.bincount(v, pull[:, 0], n)
            disp[:, 1] -= np.bincount(u, pull[:, 1], n) - np.bincount(v, pull[:, 1], n)
        disp -= gravity * pos / k
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cooling
    return pos

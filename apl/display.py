"""Dyalog-style session display of APL values (``]box off`` and a minimal ``]box on``).

Value model: simple arrays are numpy arrays (bool/int64/float64/complex128 or
'<U1' characters); nested/mixed arrays are object arrays whose items are simple
scalars or ndarrays (a 0-d object array is an enclosure of its content).

Layout rules implemented (Dyalog Programming Reference, "Display of Arrays",
and monadic ``⍕``):

* numbers use ``⎕PP`` significant digits (ignored for integers), ``¯`` for
  negatives, scaled form ``1.5E¯7`` when a float needs more than ``⎕PP``
  integer digits or more than five zeros after the decimal point;
* each column of a matrix is formatted on its own: numeric columns are
  right-justified with decimal points aligned (scaled columns align their ``E``
  and pad mantissae with zeros), character columns are left-justified;
* a column containing numbers is separated from its neighbours by one blank;
  character columns are not separated;
* a non-simple item is shown inside a rectangle with one blank added on each
  side (applied to its whole column); rows of cells are aligned at the top;
* higher-rank arrays are shown as planes separated by blank lines (one per
  axis boundary crossed).

Lines are the rows of Dyalog's ``⍕`` result, so every row of a block has the
same width (trailing blanks kept: ``(1 2)(3 4)`` gives ``' 1 2  3 4 '``); the
blank lines that separate planes at top level are returned as ``''``.
"""

import math

import numpy as np

__all__ = ["box_lines", "format_lines", "format_number", "format_value"]

_SIMPLE_NUM = (bool, int, float, complex, np.number, np.bool_)


# ---------------------------------------------------------------- numbers

def _hi(s):
    """Replace a minus sign by APL's high minus."""
    return s.replace("-", "¯")


_INT32_MAX = 2**31 - 1


def _real_form(x, pp):
    """Return ('f', text) for fixed form or ('e', mantissa, exponent) for scaled."""
    if isinstance(x, (bool, int, np.integer, np.bool_)):
        if abs(int(x)) <= _INT32_MAX:
            return ("f", _hi(str(int(x))))
        # beyond 32 bits Dyalog holds integers as floats, shown with ⎕PP digits (!15 is
        # 1.307674368E12)
    x = float(x)
    if x == 0:
        return ("f", "0")
    if not math.isfinite(x):  # never an APL value; shown rather than failing
        return ("f", _nonfinite_text(x))
    sign = "¯" if x < 0 else ""
    a = abs(x)
    mant, exp = f"{a:.{max(pp, 1) - 1}e}".split("e")
    exp = int(exp)
    if -6 <= exp < pp:
        text = f"{a:.{max(pp - 1 - exp, 0)}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return ("f", sign + text)
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return ("e", sign + mant, exp)


def _sci_form(x, pp):
    """Scaled form ('e', mantissa, exponent) of any real, even if fixed fits."""
    x = float(x)
    if x == 0:
        return ("e", "0", 0)
    if not math.isfinite(x):
        return ("f", _nonfinite_text(x))
    mant, exp = f"{abs(x):.{max(pp, 1) - 1}e}".split("e")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return ("e", ("¯" if x < 0 else "") + mant, int(exp))


def _nonfinite_text(x: float) -> str:
    return "NaN" if math.isnan(x) else ("¯∞" if x < 0 else "∞")


def _form_text(form):
    """Text of one real number form."""
    if form[0] == "f":
        return form[1]
    return f"{form[1]}E{_hi(str(form[2]))}"


def _plain(x):
    """Convert a numpy scalar to the matching Python scalar."""
    return x.item() if isinstance(x, (np.generic, np.ndarray)) else x


def format_number(x, pp=10):
    """Format one number as Dyalog displays it (``¯`` sign, ``⎕PP`` digits, ``J``)."""
    x = _plain(x)
    pp = min(pp, 17)
    if isinstance(x, complex):
        if x.imag == 0:
            x = x.real
        else:
            return (_form_text(_real_form(x.real, pp)) + "J"
                    + _form_text(_real_form(x.imag, pp)))
    return _form_text(_real_form(x, pp))


def _align_fixed(texts):
    """Right-justify fixed-form numbers with their decimal points aligned."""
    split = [t.split(".", 1) if "." in t else [t, None] for t in texts]
    iw = max(len(i) for i, _ in split)
    fw = max((len(f) for _, f in split if f is not None), default=0)
    if fw == 0:
        return [i.rjust(iw) for i, _ in split]
    return [i.rjust(iw) + ("." + f.ljust(fw) if f is not None else " " * (fw + 1))
            for i, f in split]


def _align_sci(forms):
    """Align scaled numbers on their E, padding mantissae with zeros."""
    parts = [m.split(".", 1) if "." in m else [m, ""] for _, m, _ in forms]
    d = max(len(f) for _, f in parts)
    mants = [i + ("." + f.ljust(d, "0") if d else "") for i, f in parts]
    exps = ["E" + _hi(str(e)) for _, _, e in forms]
    mw = max(map(len, mants))
    ew = max(map(len, exps))
    return [m.rjust(mw) + e.ljust(ew) for m, e in zip(mants, exps)]


def _num_column(vals, pp):
    """Format one column of numbers into equal-width strings."""
    vals = [_plain(v) for v in vals]
    if any(isinstance(v, complex) and v.imag != 0 for v in vals):
        texts = [format_number(v, pp) for v in vals]
        w = max(map(len, texts))
        return [t.rjust(w) for t in texts]
    vals = [v.real if isinstance(v, complex) else v for v in vals]
    forms = [_real_form(v, pp) for v in vals]
    if any(isinstance(v, float) and not math.isfinite(v) for v in vals):
        texts = [_form_text(f) for f in forms]  # never an APL value: shown plainly
        w = max(map(len, texts))
        return [t.rjust(w) for t in texts]
    if any(f[0] == "e" for f in forms):
        return _align_sci([f if f[0] == "e" else _sci_form(v, pp)
                           for f, v in zip(forms, vals)])
    return _align_fixed([f[1] for f in forms])


def _int_columns(flat):
    """Equal-width string columns for an integer/boolean 2-D array (vectorised)."""
    if flat.shape[0] == 1:  # one row: every column is one number wide, no padding to do
        return [[str(v).replace("-", "¯")] for v in flat[0].astype(np.int64).tolist()]
    if flat.size <= 256:  # a small block (an item of a nested array): plain Python is quicker
        rows = [[str(v).replace("-", "¯") for v in r] for r in flat.astype(np.int64).tolist()]
        cols = []
        for j in range(flat.shape[1]):
            col = [r[j] for r in rows]
            w = max(map(len, col), default=0)
            cols.append([t.rjust(w) for t in col])
        return cols
    strs = np.char.replace(flat.astype(np.int64).astype(str), "-", "¯")
    cols = []
    for j in range(flat.shape[1]):
        col = strs[:, j]
        w = int(np.char.str_len(col).max())
        cols.append(np.char.rjust(col, w).tolist())
    return cols


# ---------------------------------------------------------------- items

def _classify(x):
    """Return ('num', n), ('chr', c) or ('nest', ndarray) for an item or value."""
    if isinstance(x, np.ndarray):
        if x.ndim:
            return ("nest", x)
        if x.dtype == object:
            inner = x.item()
            if not isinstance(inner, (np.ndarray, str, np.str_, *_SIMPLE_NUM)) and not hasattr(inner, "shape"):
                return ("chr", str(inner))  # a namespace reference on its own: its text, bare
            kind, val = _classify(inner)
            return (kind, x) if kind == "nest" else (kind, val)
        if x.dtype.kind in "US":
            return ("chr", str(x.item()))
        return ("num", x.item())
    if isinstance(x, (str, np.str_)):
        if len(x) == 1:
            return ("chr", str(x))
        return ("nest", np.array(list(x), dtype="<U1"))
    if isinstance(x, _SIMPLE_NUM):
        return ("num", _plain(x))
    # any other scalar (a namespace reference) shows as its text does, set apart as an item is
    return ("nest", np.array(list(str(x)), dtype="<U1"))


def _rect(lines):
    """Pad lines to a common width."""
    w = max((len(s) for s in lines), default=0)
    return [s.ljust(w) for s in lines]


def _block(x, pp):
    """Rectangular lines showing any value (used for items of nested arrays)."""
    kind, v = _classify(x)
    if kind == "num":
        return [format_number(v, pp)]
    if kind == "chr":
        return [v]
    if v.ndim == 0:  # enclosure of a non-simple array
        return [" " + s + " " for s in _block(v.item(), pp)]
    return _array_lines(v, pp, " ")


# ---------------------------------------------------------------- arrays

def _plane_gaps(shape):
    """For each flattened row, how many blank lines follow it."""
    lead = shape[:-1]
    nrows = int(np.prod(lead)) if lead else 1
    sizes = [int(np.prod(lead[j:])) for j in range(1, len(lead))]
    return [0 if r == nrows - 1 else sum((r + 1) % s == 0 for s in sizes)
            for r in range(nrows)]


def _stack(row_blocks, shape, blank):
    """Join row blocks (lists of lines), inserting plane-separator lines."""
    width = max((len(s) for b in row_blocks for s in b), default=0)
    out = []
    for block, gap in zip(row_blocks, _plane_gaps(shape)):
        out.extend(block)
        out.extend([blank * width] * gap)
    return out


def _array_lines(a, pp, blank):
    """Lines for an array of rank >= 1; ``blank`` fills plane separators."""
    shape = a.shape
    if a.ndim == 1 and a.size == 0:
        return [""]
    if any(n == 0 for n in shape[:-1]):
        return []
    ncols = shape[-1]
    nrows = a.size // ncols if ncols else int(np.prod(shape[:-1]))
    if ncols == 0:
        return _stack([[""] for _ in range(nrows)], shape, blank)
    flat = a.reshape(nrows, ncols)
    kind = a.dtype.kind
    if kind in "US":
        rows = ["".join(r) for r in flat.tolist()]
    elif kind in "biu" and (kind == "b" or not flat.size or int(np.abs(flat).max()) <= _INT32_MAX):
        cols = _int_columns(flat)
        rows = [" ".join(c[i] for c in cols) for i in range(nrows)]
    elif kind in "fciu":
        cols = [_num_column(flat[:, j].tolist(), pp) for j in range(ncols)]
        rows = [" ".join(c[i] for c in cols) for i in range(nrows)]
    else:
        return _stack(_grid_rows(flat, pp), shape, blank)
    return _stack([[r] for r in rows], shape, blank)


def _column_cells(items, pp):
    """Format one column of a mixed/nested array.

    Returns (cells, width, has_num): each cell is a list of lines ``width`` wide.
    """
    kinds = [_classify(x) for x in items]
    num_idx = [i for i, (k, _) in enumerate(kinds) if k == "num"]
    has_nest = any(k == "nest" for k, _ in kinds)
    texts = dict(zip(num_idx, _num_column([kinds[i][1] for i in num_idx], pp))
                 if num_idx else [])
    blocks = [[texts[i]] if k == "num" else [v] if k == "chr" else _rect(_block(v, pp))
              for i, (k, v) in enumerate(kinds)]
    inner = max((len(s) for b in blocks for s in b), default=0)
    pad = " " if has_nest else ""
    cells = []
    for (k, _), b in zip(kinds, blocks):
        right = k == "num" or (k == "chr" and bool(num_idx))
        cells.append([pad + (s.rjust(inner) if right else s.ljust(inner)) + pad
                      for s in b])
    return cells, inner + 2 * len(pad), bool(num_idx)


def _grid_rows(flat, pp):
    """Row blocks (lists of lines) of a 2-D object array, Dyalog layout."""
    nrows, ncols = flat.shape
    cols = [_column_cells(flat[:, j].tolist(), pp) for j in range(ncols)]
    seps = ["" if j == ncols - 1 or not (cols[j][2] or cols[j + 1][2]) else " "
            for j in range(ncols)]
    out = []
    for i in range(nrows):
        height = max(1, max(len(c[0][i]) for c in cols))
        lines = []
        for h in range(height):
            lines.append("".join(
                (cells[i][h] if h < len(cells[i]) else " " * width) + sep
                for (cells, width, _), sep in zip(cols, seps)))
        out.append(lines)
    return out


# ---------------------------------------------------------------- public API

def format_lines(value, pp=10):
    """Lines Dyalog prints for ``value`` (default display, ``]box off``)."""
    pp = min(pp, 17)  # ⎕PP may be up to 34; binary floats show at most 17 digits
    kind, v = _classify(value)
    if kind == "num":
        return [format_number(v, pp)]
    if kind == "chr":
        return [v]
    if v.ndim == 0:
        return [" " + s + " " for s in _block(v.item(), pp)]
    return _array_lines(v, pp, "")


def format_value(value, pp=10):
    """The display of ``value`` as one string (lines joined by newlines)."""
    return "\n".join(format_lines(value, pp))


# ---------------------------------------------------------------- boxing

def _is_nested(a):
    """True for an object array that holds (or is) an enclosure of an array."""
    if not isinstance(a, np.ndarray) or a.dtype != object:
        return False
    if a.ndim == 0:
        return _classify(a)[0] == "nest"
    return any(_classify(x)[0] == "nest" for x in a.flat)


def _box_cell(x, pp):
    """Lines of one cell's content in boxed display."""
    kind, v = _classify(x)
    if kind == "num":
        return [format_number(v, pp)]
    if kind == "chr":
        return [v]
    if _is_nested(v):
        return _box_block(v, pp)
    return _rect(_block(v, pp))


def _draw_grid(cells):
    """Draw a 2-D list of cell line-lists with box-drawing borders."""
    ncols = len(cells[0])
    widths = [max((len(s) for row in cells for s in row[j]), default=0)
              for j in range(ncols)]

    def rule(left, mid, right):
        return left + mid.join("─" * w for w in widths) + right

    out = [rule("┌", "┬", "┐")]
    for r, row in enumerate(cells):
        if r:
            out.append(rule("├", "┼", "┤"))
        height = max(1, max(len(c) for c in row))
        for h in range(height):
            out.append("│" + "│".join((c[h] if h < len(c) else "").ljust(w)
                                      for c, w in zip(row, widths)) + "│")
    out.append(rule("└", "┴", "┘"))
    return out


def _box_block(a, pp):
    """Boxed lines of a nested object array (rectangular)."""
    if a.ndim == 0:
        return _draw_grid([[_box_cell(a.item(), pp)]])
    if a.size == 0:
        return _rect(_block(a, pp))
    ncols = a.shape[-1]
    rows = a.shape[-2] if a.ndim >= 2 else 1
    planes = a.reshape(-1, rows, ncols)
    out = []
    for p, plane in enumerate(planes):
        if p:
            out.append("")
        out.extend(_draw_grid([[_box_cell(x, pp) for x in row]
                               for row in plane.tolist()]))
    return _rect(out)


def box_lines(value, pp=10):
    """Boxed display like Dyalog's ``]box on -style=min``.

    Simple arrays display as with ``format_lines``; every enclosed item of a
    nested array is drawn in a cell of a grid (recursively).
    """
    pp = min(pp, 17)
    kind, v = _classify(value)
    if kind != "nest" or not _is_nested(v):
        return format_lines(value, pp)
    return _box_block(v, pp)

"""Rows of the registry: the primitive operators.

An operator's meaning names its derivation in apl/primitives: `derive(left, right, axis)`, which
gives the derived function. `/ ⌿ \\ ⍀` are operators after a function and functions after an
array (replicate, expand): their rows hold both.
"""
from __future__ import annotations

from .model import DYADIC_OPERATOR, MONADIC_OPERATOR, Glyph, Meaning

M = Meaning


def MO(glyph, names, key, doc, operator, **more) -> Glyph:
    return Glyph(glyph, MONADIC_OPERATOR, tuple(names.split()), key, doc, operator=operator, **more)


def DO(glyph, names, key, doc, operator, **more) -> Glyph:
    return Glyph(glyph, DYADIC_OPERATOR, tuple(names.split()), key, doc, operator=operator, **more)


ROWS = (
    # ---------------------------------------------------------------- reduce, scan; replicate, expand
    MO("/", "slash reduce replicate", None,
       "Reduce (along the last axis, or [k]; n-wise with a left argument); after an array, replicate.",
       M("Reduce", "reduce_scan.derive_reduce", axis="reduce_scan.derive_reduce", torch="reduction.reduce_last",
         examples=(("+/1 2 3", "6"), ("+/2 3⍴⍳6", "6 15"), ("2+/1 2 3 4", "3 5 7"), ("+/[1]2 3⍴⍳6", "5 7 9"),
                   ("×/⍬", "1")),
         errors=(("-/'ab'", "DOMAIN ERROR"), ("+/[3]1 2", "RANK ERROR"))),
       dyadic=M("Replicate", "structural.replicate", axis="structural.replicate_axis",
                torch="structural.replicate_last", examples=(("1 0 1/1 2 3", "1 3"), ("2/1 2", "1 1 2 2"),
                                                             ("¯1 1/1 2", "0 2")),
                errors=(("1 0/1 2 3", "LENGTH ERROR"),))),
    MO("⌿", "slashbar reducefirst replicatefirst", "/",
       "Reduce along the first axis; after an array, replicate along the first axis.",
       M("Reduce First", "reduce_scan.derive_reduce_first", axis="reduce_scan.derive_reduce_first",
         torch="reduction.reduce_first", examples=(("+⌿2 3⍴⍳6", "5 7 9"),)),
       dyadic=M("Replicate First", "structural.replicate_first", axis="structural.replicate_axis",
                torch="structural.replicate_first", examples=(("1 0⌿2 2⍴⍳4", "1 2"),))),
    MO("\\", "backslash scan expand", None, "Scan (along the last axis, or [k]); after an array, expand.",
       M("Scan", "reduce_scan.derive_scan", axis="reduce_scan.derive_scan", torch="reduction.scan_last",
         examples=(("+\\1 2 3", "1 3 6"), ("-\\1 2 3", "1 ¯1 2"), ("⌈\\3 1 4 1 5", "3 3 4 4 5"))),
       dyadic=M("Expand", "structural.expand", axis="structural.expand_axis", torch="structural.expand_last",
                examples=(("1 0 1\\1 2", "1 0 2"),), errors=(("1 0\\1 2", "LENGTH ERROR"),))),
    MO("⍀", "backslashbar scanfirst expandfirst", ".",
       "Scan along the first axis; after an array, expand along the first axis.",
       M("Scan First", "reduce_scan.derive_scan_first", axis="reduce_scan.derive_scan_first",
         torch="reduction.scan_first", examples=(("+⍀2 2⍴⍳4", "1 2\n4 6"),)),
       dyadic=M("Expand First", "structural.expand_first", axis="structural.expand_axis",
                torch="structural.expand_first", examples=(("1 0 1⍀2 2⍴⍳4", "1 2\n0 0\n3 4"),))),
    # ---------------------------------------------------------------- monadic operators
    MO("¨", "diaeresis each", "1", "Each: apply the operand to each item (pairwise, with extension).",
       M("Each", "cellwise.derive_each", torch="rank.each_operator",
         examples=(("⍴¨(1 2)(3 4 5)", " 2  3 "), ("1 2+¨3 4", "4 6"), ("{⍵×⍵}¨1 2 3", "1 4 9")),
         errors=(("1 2+¨1 2 3", "LENGTH ERROR"),))),
    MO("⍨", "tildediaeresis commute selfie swap constant", "T",
       "Commute (swap the arguments), selfie (⍵ on both sides); with an array operand, constant.",
       M("Commute", "composition.derive_commute", torch="composition.commute",
         examples=(("2-⍨5", "3"), ("+⍨3", "6"), ("3⍨1 2", "3")))),
    MO("⌸", "quadequal key", "K", "Key: apply the operand to each distinct key and the indices or items it has.",
       M("Key", "cellwise.derive_key", torch="key.key",
         examples=(("1 2 1{+/⍵}⌸10 20 30", "40 20"), ("{≢⍵}⌸'abca'", "2 1 1")))),
    MO("&", "ampersand spawn", None, "Spawn (run in a new thread): recognised, not supported.",
       None, supported=False, dyalog="Dyalog's & runs a function in a thread; here it is a NONCE ERROR."),
    MO("∘.", "jotdot outer outerproduct", None, "Outer product: the operand applied to every pair of items.",
       M("Outer Product", "products.derive_outer", torch="products.outer_product",
         examples=(("1 2∘.×1 2 3", "1 2 3\n2 4 6"), ("1 2∘.,3 4", " 1 3  1 4 \n 2 3  2 4 ")))),
    # ---------------------------------------------------------------- dyadic operators
    DO(".", "dot inner innerproduct", None, "Inner product: f.g, with +.× the matrix product.",
       M("Inner Product", "products.derive_inner", torch="products.inner_product",
         examples=(("1 2+.×3 4", "11"), ("(2 2⍴⍳4)+.×2 2⍴⍳4", " 7 10\n15 22"), ("1 0∨.∧0 1", "0"),
                   ("(2 2⍴1 2 3 4)⌈.+2 2⍴0 1 1 0", "3 2\n5 4")),
         errors=(("1 2+.×1 2 3", "LENGTH ERROR"),))),
    DO("∘", "jot compose beside bind", "j", "Beside (f∘g), or bind an array to a function (2∘×, ×∘2).",
       M("Beside / Bind", "composition.derive_jot", torch="composition.jot",
         examples=(("2∘×1 2", "2 4"), ("-∘1⊢3", "2"), ("1 2 +∘- 3", "¯2 ¯1")))),
    DO("⍤", "jotdiaeresis rank atop", "J", "Rank (apply to cells of given rank); with a function on the right, atop.",
       M("Rank / Atop", "cellwise.derive_rank", torch="rank.rank",
         examples=(("+/⍤1⊢2 3⍴⍳6", "6 15"), ("1 2+⍤1⊢2 2⍴⍳4", "2 4\n4 6"), ("2 -⍤+ 3", "¯5")),
         errors=(("+⍤1 2 3 4⊢1", "LENGTH ERROR"),))),
    DO("⍣", "stardiaeresis powerop", "P", "Power: apply n times (inverse for ¯n), or until a condition holds.",
       M("Power", "power.derive_power", torch="power.power",
         examples=(("2∘×⍣3⊢1", "8"), ("(1∘+⍣¯1)5", "4"), ("1∘+∘÷⍣=1", "1.618033989")),
         errors=(("{⍵}⍣¯1⊢1", "DOMAIN ERROR"),))),
    DO("⍥", "circlediaeresis over", "O", "Over: apply the right operand to each argument, then the left.",
       M("Over", "composition.derive_over", torch="composition.over", examples=(("¯1 2 +⍥| 3 ¯4", "4 6"),))),
    DO("⍛", "jotunderbar behind", "F", "Behind: X f⍛g Y is (f X) g Y.",
       M("Behind", "composition.derive_behind", torch="composition.behind", examples=(("1 2 -⍛× 3", "¯3 ¯6"),))),
    DO("@", "at", None, "At: replace the items at the given indices (or where a mask function is 1).",
       M("At", "at.derive_at", torch="power.at",
         examples=(("0@2 4⍳5", "1 0 3 0 5"), ("10∘×@2 4⍳5", "1 20 3 40 5"), ("0@(>∘2)⍳4", "1 2 0 0")),
         errors=(("0@9⍳5", "INDEX ERROR"),))),
    DO("⌺", "quaddiamond stencil", "~", "Stencil: apply the operand to each window (padded with zeros).",
       M("Stencil", "cellwise.derive_stencil", refused="stencil is not translated yet",
         examples=(("{+/,⍵}⌺3⍳5", "3 6 9 12 9"),))),
    DO("⍠", "quadcolon variant", "?", "Variant (also ⎕OPT): options for a function's calls, such as ⎕R's 'IC' 1.",
       M("Variant", "variant.derive_variant", refused="options change settings the generated code does not read",
         examples=(("1 1.00000000000001(=⍠('CT' 0))1", "1 0"), ("⍳⍠('IO' 0)⊢3", "0 1 2"),
                   ("1 0(÷⍠('DIV' 1))0", "0 0")),
         errors=(("+⍠('XY' 1)⊢1", "DOMAIN ERROR"), ("+⍠('IO' 2)⊢1", "DOMAIN ERROR"))),
       dyalog="Dyalog's primitives take no options; here any function takes the settings ⎕IO ⎕CT ⎕DCT "
              "⎕DIV ⎕PP ⎕PW ⎕RL as options for its calls (as J's !. customises a primitive)."),
)

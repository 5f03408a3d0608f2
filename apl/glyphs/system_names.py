"""Dyalog's system names (Dyalog 19/20 Language Reference, "System Functions and Variables"):
which are functions, which operators and which variables, so that the binder reads an unsupported one by its
class and the evaluator refuses it with a NONCE ERROR naming it, rather than a VALUE ERROR.

The supported ones are defined in apl/runtime/system_variables.py and system_functions.py; a
test checks that every name those define is listed here, in its class.
"""
from __future__ import annotations

VARIABLES = frozenset("""
⎕A ⎕AI ⎕AN ⎕AV ⎕AVU ⎕CT ⎕D ⎕DCT ⎕DIV ⎕DM ⎕DMX ⎕EN ⎕EXCEPTION ⎕FAVAIL ⎕FNAMES ⎕FNUMS ⎕FR ⎕IO
⎕LC ⎕LX ⎕ML ⎕NNAMES ⎕NNUMS ⎕NSI ⎕NULL ⎕PATH ⎕PP ⎕PW ⎕RL ⎕RSI ⎕RTL ⎕SD ⎕SE ⎕SI ⎕SM ⎕STACK
⎕TC ⎕TCNUMS ⎕THIS ⎕TID ⎕TNAME ⎕TNUMS ⎕TPOOL ⎕TRACE ⎕TRAP ⎕TS ⎕USING ⎕WA ⎕WSID ⎕WX ⎕XSI
""".split())

FUNCTIONS = frozenset("""
⎕ARBIN ⎕ARBOUT ⎕AT ⎕ATX ⎕C ⎕CLASS ⎕CLEAR ⎕CMD ⎕CR ⎕CS ⎕CSV ⎕CY ⎕DF ⎕DL ⎕DQ ⎕DR ⎕DT ⎕EA ⎕ED
⎕EM ⎕EX ⎕EXPORT ⎕FAPPEND ⎕FCHK ⎕FCOPY ⎕FCREATE ⎕FDROP ⎕FERASE ⎕FFT ⎕FHIST ⎕FHOLD ⎕FIX ⎕FLIB
⎕FMT ⎕FPROPS ⎕FRDAC ⎕FRDCI ⎕FREAD ⎕FRENAME ⎕FREPLACE ⎕FRESIZE ⎕FSIZE ⎕FSTAC ⎕FSTIE ⎕FTIE
⎕FUNTIE ⎕FX ⎕IFFT ⎕INSTANCES ⎕JSON ⎕KL ⎕LOAD ⎕LOCK ⎕MAP ⎕MKDIR ⎕MONITOR ⎕NA ⎕NAPPEND ⎕NC
⎕NCOPY ⎕NCREATE ⎕NDELETE ⎕NERASE ⎕NEW ⎕NEXISTS ⎕NGET ⎕NINFO ⎕NL ⎕NLOCK ⎕NMOVE ⎕NPARTS ⎕NPUT
⎕NQ ⎕NR ⎕NREAD ⎕NRENAME ⎕NREPLACE ⎕NRESIZE ⎕NS ⎕NSIZE ⎕NTIE ⎕NUNTIE ⎕NXLATE ⎕OFF ⎕OR ⎕PFKEY
⎕PROFILE ⎕REFS ⎕SAVE ⎕SH ⎕SHADOW ⎕SIGNAL ⎕SIZE ⎕SR ⎕SRC ⎕STOP ⎕SVC ⎕SVO ⎕SVQ ⎕SVR
⎕SVS ⎕TGET ⎕TKILL ⎕TPUT ⎕TREQ ⎕TSYNC ⎕UCS ⎕VFI ⎕VGET ⎕VR ⎕VSET ⎕WC ⎕WG ⎕WN ⎕WS ⎕XML ⎕XT
""".split())

# system operators: ⎕R and ⎕S (search and replace, apl/runtime/search_replace.py) and ⎕OPT, the
# name ⍠ (Variant) has where the glyph cannot be typed
OPERATORS = frozenset({"⎕R", "⎕S", "⎕OPT"})

"""No network for query workers, whatever the query: a seccomp filter refuses every socket
that is not a Unix socket (the worker's pipe to its parent is one), and io_uring, through
which a socket could be opened without the socket() call.

The query check already refuses SERVICE; this is the layer that holds when the check is
wrong (a parser difference once let a SERVICE through). A refused socket() fails the same
way for every address, so error messages cannot tell open ports from closed ones.

Linux only (x86_64, aarch64). The filter is a classic BPF program handed to prctl(2); it
needs no privileges, only PR_SET_NO_NEW_PRIVS, and is inherited by every thread the
worker starts later."""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

# <linux/filter.h>, <linux/seccomp.h>, <linux/audit.h>
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_X32_SYSCALL_BIT = 0x40000000
_AF_UNIX = 1
# offsets in struct seccomp_data
_NR, _ARCH, _ARG0 = 0, 4, 16

# machine -> (audit arch, socket, io_uring_setup)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}


class SandboxUnavailable(RuntimeError):
    """The filter could not be installed: the caller must not run queries without it."""


def _program(arch: int, socket_nr: int, io_uring_nr: int) -> list[tuple[int, int, int, int]]:
    deny = _RET_ERRNO | errno.EACCES
    # (code, jump if true, jump if false, k); a jump skips that many instructions.
    return [
        (_LD_W_ABS, 0, 0, _ARCH),  # 0
        (_JEQ_K, 1, 0, arch),  # 1: the native ABI goes on (3); any other is denied (2)
        (_RET_K, 0, 0, deny),  # 2
        (_LD_W_ABS, 0, 0, _NR),  # 3
        (_JGE_K, 5, 0, _X32_SYSCALL_BIT),  # 4: x32 calls are denied (10)
        (_JEQ_K, 0, 2, socket_nr),  # 5: socket() -> look at its family (6); others -> (8)
        (_LD_W_ABS, 0, 0, _ARG0),  # 6
        (_JEQ_K, 1, 2, _AF_UNIX),  # 7: a Unix socket is allowed (9); any other family denied (10)
        (_JEQ_K, 1, 0, io_uring_nr),  # 8: io_uring_setup is denied (10); everything else allowed (9)
        (_RET_K, 0, 0, _RET_ALLOW),  # 9
        (_RET_K, 0, 0, deny),  # 10
    ]


def deny_network() -> None:
    """Install the filter in this process (call it in the worker, before any query runs)."""
    machine = platform.machine()
    if machine not in _ARCHES:
        raise SandboxUnavailable(f"no seccomp filter for {machine}")
    code = _program(*_ARCHES[machine])
    filters = b"".join(struct.pack("HBBI", *instruction) for instruction in code)
    buffer = ctypes.create_string_buffer(filters)
    program = struct.pack("HxxxxxxP", len(code), ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxUnavailable(f"prctl(NO_NEW_PRIVS) failed: {errno.errorcode.get(ctypes.get_errno())}")
    fprog = ctypes.create_string_buffer(program)
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) != 0:
        raise SandboxUnavailable(f"prctl(SECCOMP) failed: {errno.errorcode.get(ctypes.get_errno())}")

#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
"""check-decls.py SYS_RS INCLUDE_DIR...

Reads the public headers under each INCLUDE_DIR/scxcmask/ (include/ and
common/ of the source tree; the BPF headers are left out).  The Rust crate's hand-written declarations (bindings/rust/src/sys.rs)
against the C headers they mirror: every exported function (SCXCMASK_API)
must be declared in Rust with the same parameter and return types, every
public struct the crate mirrors must have the same fields in the same
order with the same types, and every constant the crate repeats must have
the C value.  A function or struct that changes in C without sys.rs
following fails here, with the name and both sides printed.

Prints one line per mismatch and 'N passed, N failed'; exits 1 on any.
"""
import glob
import os
import re
import sys

# __attribute__((...)), one level of nested parentheses inside
ATTR = r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)"

C_SCALARS = {
    "uint32_t": "u32", "int32_t": "i32", "uint64_t": "u64", "int64_t": "i64",
    "uint16_t": "u16", "uint8_t": "u8", "size_t": "usize", "bool": "bool",
    "int": "c_int", "unsigned int": "c_uint", "unsigned": "c_uint", "char": "c_char",
    "void": "c_void", "long": "c_long",
}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def c_type_to_rust(ctype):
    """'const struct scx_cmask *' -> '*const scx_cmask'."""
    t = ctype.replace("*", " * ")
    t = re.sub(ATTR, " ", t)
    toks = t.split()
    stars = toks.count("*")
    base = [x for x in toks if x != "*"]
    const = "const" in base
    base = [x for x in base if x not in ("const", "struct", "enum", "volatile", "restrict")]
    name = " ".join(base)
    rust = C_SCALARS.get(name, name)
    if stars == 0:
        return rust
    out = ("*const " if const else "*mut ") + rust
    for _ in range(stars - 1):
        out = "*mut " + out
    return out


def split_params(params):
    params = params.strip()
    if params in ("", "void"):
        return []
    out = []
    for p in params.split(","):
        p = p.strip()
        m = re.match(r"(.*?)(\w+)\s*$", p)
        out.append((m.group(2), c_type_to_rust(m.group(1))))
    return out


def c_functions(headers):
    funcs = {}
    for h in headers:
        text = strip_comments(open(h).read())
        for m in re.finditer(r"SCXCMASK_API\s+([^;{]*?)\b(\w+)\s*\(([^)]*)\)\s*;", text, re.S):
            ret = " ".join(m.group(1).split())
            ret = None if ret == "void" else c_type_to_rust(ret)
            funcs[m.group(2)] = (ret, [t for _, t in split_params(m.group(3))], os.path.basename(h))
    return funcs


def c_structs(headers):
    structs = {}
    for h in headers:
        text = strip_comments(open(h).read())
        for m in re.finditer(r"\bstruct\s+(\w+)\s*\{(.*?)\}\s*;", text, re.S):
            fields = []
            for decl in m.group(2).split(";"):
                decl = re.sub(ATTR, " ", decl).strip()
                if not decl or re.match(r"^[\w\s]+:\s*\d+$", decl):
                    continue  # empty, or an unnamed bit-field fence (size_t :0)
                am = re.match(r"(.*?)(\w+)\s*\[\s*(\w*)\s*\]$", decl)
                if am:
                    elem = c_type_to_rust(am.group(1))
                    fields.append((am.group(2), "[%s; %s]" % (elem, am.group(3) or "0")))
                    continue
                # "uint32_t idx, last" declares two fields of one type
                dm = re.match(r"(.*?)(\w+(?:\s*,\s*\w+)*)$", decl)
                ctype = dm.group(1)
                for name in [n.strip() for n in dm.group(2).split(",")]:
                    fields.append((name, c_type_to_rust(ctype)))
            structs[m.group(1)] = fields
    return structs


def c_constants(headers):
    consts = {}
    for h in headers:
        text = strip_comments(open(h).read())
        for m in re.finditer(r"#define\s+(SCX\w+)\s+(\(?[-\w\s<>|()]+\)?)\s*$", text, re.M):
            consts[m.group(1)] = m.group(2)
        for body in re.findall(r"\benum\s+\w*\s*\{(.*?)\}", text, re.S):
            for em in re.finditer(r"(SCX\w+)\s*=\s*([^,]+)", body):
                consts[em.group(1)] = em.group(2)
    return consts


def c_eval(expr, consts, depth=0):
    e = re.sub(r"\b(\d+|0x[0-9a-fA-F]+)[uUlL]+\b", r"\1", expr.strip())
    e = re.sub(r"\b(SCX\w+)\b", lambda m: "(%s)" % c_eval(consts[m.group(1)], consts, depth + 1), e)
    if not re.match(r"^[\d\sxa-fA-F<>|()+*/-]+$", e):
        raise ValueError(expr)
    return eval(e, {"__builtins__": {}})


def rust_items(path):
    text = open(path).read()
    text = re.sub(r"//[^\n]*", "", text)
    funcs = {}
    for m in re.finditer(r"pub fn (\w+)\s*\((.*?)\)\s*(?:->\s*([^;]+))?;", text, re.S):
        params = []
        for p in [x.strip() for x in m.group(2).split(",") if x.strip()]:
            name, ty = p.split(":", 1)
            params.append(" ".join(ty.split()))
        ret = " ".join(m.group(3).split()) if m.group(3) else None
        funcs[m.group(1)] = (ret, params)
    structs = {}
    for m in re.finditer(r"pub struct (\w+)\s*\{(.*?)\}", text, re.S):
        fields = []
        for fm in re.finditer(r"pub (\w+):\s*([^,]+),", m.group(2)):
            fields.append((fm.group(1), " ".join(fm.group(2).split())))
        if not re.search(r"\b_private\b", m.group(2)):
            structs[m.group(1)] = fields
    consts = {}
    for m in re.finditer(r"pub const (\w+):\s*\w+\s*=\s*([^;]+);", text):
        consts[m.group(1)] = m.group(2)
    return funcs, structs, consts


def main():
    if len(sys.argv) < 3:
        print("usage: " + __doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    sysrs = sys.argv[1]
    headers = []
    for inc in sys.argv[2:]:
        headers += sorted(glob.glob(os.path.join(inc, "scxcmask", "*.h")))
        headers += sorted(glob.glob(os.path.join(inc, "scxcmask", "*.h.in")))
    # the BPF-only headers declare no library functions
    headers = [h for h in headers if not h.endswith(".bpf.h")]
    cf, cs, cc = c_functions(headers), c_structs(headers), c_constants(headers)
    rf, rs, rc = rust_items(sysrs)
    passed = failed = 0

    def fail(msg):
        nonlocal failed
        failed += 1
        print("FAIL: " + msg)

    for name, (ret, params, hdr) in sorted(cf.items()):
        if name not in rf:
            fail("%s (%s) is exported by the library but not declared in sys.rs" % (name, hdr))
            continue
        rret, rparams = rf[name]
        if (ret, params) != (rret, rparams):
            fail("%s: C (%s) -> %s, Rust (%s) -> %s" % (name, ", ".join(params), ret,
                                                     ", ".join(rparams), rret))
        else:
            passed += 1
    for name in sorted(set(rf) - set(cf)):
        fail("%s is declared in sys.rs but the C headers export no such function" % name)
    for name, fields in sorted(rs.items()):
        if name not in cs:
            fail("struct %s: in sys.rs, not in the C headers" % name)
        elif cs[name] != fields:
            fail("struct %s: C fields %s, Rust fields %s" % (name, cs[name], fields))
        else:
            passed += 1
    for name, value in sorted(rc.items()):
        if name not in cc:
            fail("const %s: in sys.rs, not in the C headers" % name)
            continue
        try:
            want = c_eval(cc[name], cc)
            got = c_eval(value, {})
        except (ValueError, KeyError, SyntaxError) as e:
            fail("const %s: cannot evaluate (%s)" % (name, e))
            continue
        if want != got:
            fail("const %s: C %s = %d, Rust %s = %d" % (name, cc[name].strip(), want, value, got))
        else:
            passed += 1
    print("rust decls: %d functions, %d structs, %d constants compared" % (len(cf), len(rs), len(rc)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

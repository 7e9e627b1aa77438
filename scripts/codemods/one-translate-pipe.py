#!/usr/bin/env python3
"""
Issue 13 item 4: one translation pipe. Rewrites the portal's templates and code from the four pipes
(`t`, `hm`, `ia`, `ct`) and their helpers (`homeT`, `iaT`, `ctT`) to the one `t` pipe and
`I18n.t` of @ctms/ui. Idempotent: run it again after merging a branch that still uses the old pipes.

  python3 scripts/codemods/one-translate-pipe.py apps/portal/src/app
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else 'apps/portal/src/app'

RULES = [
    # 1. templates: `'x' | ia`, `'x' | hm: {...}`, `'x' | ct` -> `| t` (not `||`)
    (re.compile(r"(?<![|\w])\|(\s*)(?:hm|ia|ct)\b(?![\w-])"), r"|\1t"),
    # 2. helpers: iaT(this.i18n, key, …) / homeT(i18n, …) / ctT(this.i18n, …) -> this.i18n.t(key, …)
    (re.compile(r"\b(?:iaT|homeT|ctT)\(([\w.]+),\s*"), r"\1.t("),
    # 3. the pipes' classes in `imports: [...]` -> TranslatePipe
    (re.compile(r"\b(?:IaPipe|HomePipe|CtPipe)\b"), "TranslatePipe"),
    # 4. the per-dictionary key types -> the one key type
    (re.compile(r"\b(?:IaKey|HomeKey)\b"), "TranslationKey"),
]
# imports of the deleted modules, and of the deleted helpers from case-tools-i18n
DELETED_IMPORT = re.compile(r"^import (?:type )?\{[^}]*\} from '[./]*(?:referrals/|home/)?(?:ia-translate|home-translate)';\n", re.M)
CT_IMPORT = re.compile(r"^(import \{)([^}]*)(\} from '[./]*(?:cases/)?case-tools-i18n';)\n", re.M)
CORE_KEY_IMPORT = re.compile(r"^import type \{ TranslationKey \} from '[./]*(?:core/i18n/|i18n/|\./)?dictionaries';\n", re.M)
UI_IMPORT = re.compile(r"^import \{([^}]*)\} from '@ctms/ui';\n", re.M)


def fix_ts(s: str) -> str:
    s = DELETED_IMPORT.sub('', s)

    def ct(m: re.Match) -> str:
        names = [n.strip() for n in m.group(2).split(',') if n.strip() and n.strip() not in ('CtPipe', 'ctT')]
        return f"{m.group(1)} {', '.join(names)} {m.group(3)}\n" if names else ''

    s = CT_IMPORT.sub(ct, s)
    for rx, to in RULES:
        s = rx.sub(to, s)
    # TranslatePipe once in each imports array (only arrays that now name it twice are rewritten)
    s = re.sub(r"(imports: \[[^\]]*)", lambda m: dedupe_list(m.group(1)) if len(re.findall(r'\bTranslatePipe\b', m.group(1))) > 1 else m.group(1), s)
    need = [n for n in ('TranslatePipe', 'TranslationKey') if re.search(r'\b%s\b' % n, s)]
    if 'TranslationKey' in need and CORE_KEY_IMPORT.search(s):
        s = CORE_KEY_IMPORT.sub('', s)
    if need:
        m = UI_IMPORT.search(s)
        have = [n.strip() for n in m.group(1).split(',') if n.strip()] if m else []
        bare = {n.replace('type ', '') for n in have}
        add = [('type ' if n == 'TranslationKey' else '') + n for n in need if n not in bare]
        if add:
            names = sorted(set(have + add), key=lambda n: n.replace('type ', '').lower())
            line = ("import type { TranslationKey } from '@ctms/ui';\n" if names == ['type TranslationKey'] else "import { %s } from '@ctms/ui';\n" % ', '.join(names))
            if m:
                s = s[: m.start()] + line + s[m.end():]
            else:
                last = None
                for last in re.finditer(r"^import[^;]*;\n", s, re.M | re.S):
                    pass
                pos = last.end() if last else 0
                s = s[:pos] + line + s[pos:]
    return s


def dedupe_list(text: str) -> str:
    head, _, body = text.partition('[')
    items, out = [i.strip() for i in body.split(',')], []
    for i in items:
        if i and i in out:
            continue
        out.append(i)
    return head + '[' + ', '.join(x for x in out if x)


def fix_html(s: str) -> str:
    return RULES[0][0].sub(RULES[0][1], s)


for root, _, files in os.walk(ROOT):
    for f in files:
        p = os.path.join(root, f)
        if f.endswith('.html'):
            fix = fix_html
        elif f.endswith('.ts') and f not in ('case-tools-i18n.ts', 'dictionaries.ts') and not f.startswith('dict-'):
            fix = fix_ts
        else:
            continue
        s = open(p, encoding='utf-8').read()
        t = fix(s)
        if t != s:
            open(p, 'w', encoding='utf-8').write(t)
            print(p)

#!/usr/bin/env python3
"""Regenerates the "## Rules" section of docs/rules.md from the claim rule pack, so the page
lists what the data says (patterns, exemptions with their clauses, bases), not what someone
remembered to write. Run from the repository root: python3 scripts/claims_rules_doc.py"""
import json
import re

RES = 'qinglang-detectors/src/main/resources/qinglang/'
pack = json.load(open(RES + 'rules/claims.json'))
bases = json.load(open(RES + 'bases.json'))


def cite(key):
    b = bases[key]
    return b['law'] + ' ' + (b['article'] if b['article'] else '（未引条文号）')


def ex_cite(eid):
    x = pack['exemptions'].get(eid, {'says': eid})
    if x.get('basis'):
        return bases[x['basis']]['law'].split('（')[0] + (' ' + x['clause'] if x.get('clause') else '')
    return x['says']


def words(ws, n=16):
    out = []
    for w in ws:
        if w.startswith('@'):
            s = pack['pattern_sets'][w[1:]]
            out.append('%s（%d个：%s …）' % (w, len(s), '、'.join(s[:6])))
        else:
            out.append(w)
    more = '' if len(out) <= n else ' …（共%d个）' % len(out)
    return '、'.join(out[:n]) + more


def cond(c):
    parts = []
    if c.get('preceded_by'):
        parts.append('the match is directly preceded, in its %s, by `%s`' % (
            c.get('preceded_in', 'clause'), c['preceded_by']))
    if c.get('followed_by'):
        parts.append('the match is directly followed by `%s`' % c['followed_by'])
    if c.get('answered_by'):
        parts.append('the sentence is a question and the next one starts with `%s`' % c['answered_by'])
    if c.get('all'):
        where = ' (before the match)' if c.get('before') else ' (after the match)' if c.get('after') else ''
        parts.append('the sentence has ' + ' and '.join(c['all']) + where)
    s = ' and '.join(parts) if parts else 'the sentence'
    if c.get('none'):
        s += ', with no ' + ' or '.join(c['none']) + (' in its clause' if c.get('none_in_clause') else '')
    return s


def triggers(regexes):
    # '@set' in a trigger list stands for the pattern set's words, as the pack reader reads it.
    out = set()
    for x in regexes:
        for t in x['triggers']:
            out.update(pack['pattern_sets'][t[1:]] if t.startswith('@') else [t])
    return sorted(out)


lines = ['## Rules', '']
for r in pack['rules']:
    lines.append('### %s %s' % (r['id'], r['title']))
    lines.append('')
    lines.append('- **Family:** `%s`（%s）  **Severity:** %s' % (
        r['family'], pack['families'][r['family']], r['severity']))
    cats = ', '.join(r['categories'])
    if r.get('except_categories'):
        cats += ' except ' + ', '.join(r['except_categories'])
    lines.append('- **Applies to:** ' + cats)
    if r.get('matches_as'):
        lines.append('- **Reads the text as:** %s (`matches_as`): the same words, patterns,'
                     ' conditions and exemptions, filed under this family and basis%s'
                     % (r['matches_as'], '; the exemptions listed below are added to them'
                        if r.get('exempt_phrases') or r.get('exempt_if') else ''))
    if r.get('files_learned'):
        lines.append('- **Files the learned model\'s findings** of its family in its categories where'
                     ' the rule the model borrows does not apply (`files_learned`); such a finding'
                     ' also weighs this rule\'s exempt phrases and the pack\'s `lent_exempt_if`')
    if r.get('patterns'):
        lines.append('- **Catches (normalised words):** ' + words(r['patterns']))
    if r.get('regex'):
        lines.append('- **Catches (patterns):** %d regular expression(s), run when one of %s occurs'
                     % (len(r['regex']), '、'.join(triggers(r['regex'])[:12])))
    ep = r.get('exempt_phrases')
    if isinstance(ep, list) and ep:
        ep = {r.get('exempt_phrases_exemption', 'listed_phrase'): ep}
    for eid, ws in (ep or {}).items():
        lines.append('- **Exempt (%s, %s):** %s' % (eid, ex_cite(eid), words(ws)))
    for c in r.get('exempt_if', []):
        eid = c.get('exemption', 'context')
        lines.append('- **Exempt (%s, %s):** when %s' % (eid, ex_cite(eid), cond(c)))
    for x in r.get('exempt_if_of', []):
        lines.append('- **Exempt (%s, %s):** when any of %s\'s conditions for that exemption holds'
                     ' (`exempt_if_of`)' % (x['exemption'], ex_cite(x['exemption']), x['rule']))
    for mset, eids in r.get('voided_by', {}).items():
        how = words(pack['markers'].get(mset, []), 8)
        rx = pack.get('marker_regex', {}).get(mset, [])
        if rx:
            how += ' (and %d pattern(s): a negation or "not yet" next to %s)' % (
                len(rx), '、'.join(triggers(rx)[:8]))
        lines.append('- **Not exempt (%s) when the sentence has %s:** %s' % (
            ', '.join(eids), mset, how))
    for c in r.get('require', []):
        lines.append('- **Only counts when** ' + cond(c))
    if r.get('negation'):
        lines.append('- **Negation:** a negation right before (不是、不敢说、不能、没有、不保证…) or '
                     'after (不敢说、谈不上…) cancels the match')
    if r.get('global_exemptions', True):
        lines.append('- **Quotations and warnings:** exempt (rule_quote) when the sentence quotes the '
                     'rules or warns the buyer (广告法规定、千万别信…)')
    if r.get('exemption_note'):
        lines.append('- **Exemption note:** ' + r['exemption_note'])
    lines.append('- **Basis:** ' + cite(r['basis']))
    for c, k in r.get('basis_by_category', {}).items():
        if k != r['basis']:
            lines.append('  - for %s: %s' % (c, cite(k)))
    for k in r.get('also', []):
        lines.append('- **Also:** ' + cite(k))
    lines.append('- **Suggested rewrite:** ' + r['rewrite'])
    lines.append('')

doc = open('docs/rules.md').read()
head = doc[:doc.index('## Rules\n')]
open('docs/rules.md', 'w').write(head + '\n'.join(lines).rstrip() + '\n')

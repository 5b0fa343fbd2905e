#!/usr/bin/env bash
# Framing classification: Framescope's trained model against fastText (Debian's `fasttext`),
# trained and tested on the same folds in the same run, plus prediction throughput.
#
#   bench/classify_bench.sh [--build DIR] [--out DIR] [--folds K] [--seed N] [--reps N]
#
# What it does (all files are kept in --out, default a fresh folder under /tmp):
#   1. data/folds.tsv: one line per labelled document (data/labelled/*.jsonl): id, label, writer
#      batch (the id prefix xx-a / xx-b), and its stratified fold (labels dealt round-robin after
#      a seeded shuffle). Both classifiers train and test on exactly these folds.
#   2. cv/<k>/: K-fold cross-validation; lobo/<batch>/: leave-one-writer-batch-out (train on nine
#      batches, test on the tenth: writers the model never saw). For every split, `framescope
#      train` + `framescope classify --model`, and `fasttext supervised` + `fasttext predict`.
#   3. demo/: both trained on all labelled documents, tested on the demo site's 191 articles
#      (data/demo-site, written by other writers, never used for training), next to the
#      untrained codebook model.
#   4. speed/: prediction throughput on the labelled documents repeated --reps times, single
#      thread, from the model on disk to labels: docs/s on CPU time, minus the time to start and
#      load the model (measured on a one-document input).
# Prints a summary and writes results.json. fastText runs in two configurations (see FT_OPTS
# below), one thread, fixed seed (reproducible); its input is lower-cased, with punctuation split
# off and Chinese/Japanese characters separated by spaces (fastText cannot segment Chinese;
# character unigrams + bigrams is the usual way to feed it).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build"
OUT=""
FOLDS=5
SEED=42
REPS=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --folds) FOLDS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "classify_bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
FS="$BUILD/cli/framescope"
for tool in "$FS" fasttext python3; do
  if ! command -v "$tool" > /dev/null; then
    echo "classify_bench: $tool not found (build with: cmake --build $BUILD --target framescope)" >&2
    exit 1
  fi
done
[[ -n "$OUT" ]] || OUT=$(mktemp -d /tmp/classify_bench.XXXXXX)
mkdir -p "$OUT"/{data,helpers,cv,lobo,demo,speed}
echo "classify_bench: working in $OUT"

# ---------------------------------------------------------------------------------------------
# Helpers (Python 3, standard library only).
cat > "$OUT/helpers/prepare.py" << 'EOF'
"""Labelled data, folds, the demo site as labelled JSONL, and a codebook-only model file."""
import glob, hashlib, json, os, random, re, sys

root, out, folds, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
docs = []
for path in sorted(glob.glob(os.path.join(root, 'data/labelled/*.jsonl'))):
    with open(path, encoding='utf-8') as f:
        docs += [json.loads(line) for line in f if line.strip()]
with open(os.path.join(out, 'data/labelled.jsonl'), 'w', encoding='utf-8') as f:
    for d in docs:
        f.write(json.dumps(d, ensure_ascii=False) + '\n')
# Stratified folds: each label's documents shuffled (seeded), dealt round-robin, the deal
# continuing across labels so that fold sizes differ by at most one.
rng = random.Random(seed)
fold_of, nxt = {}, 0
for label in sorted({d['label'] for d in docs}):
    ids = [d['id'] for d in docs if d['label'] == label]
    rng.shuffle(ids)
    for i in ids:
        fold_of[i] = nxt % folds
        nxt += 1
with open(os.path.join(out, 'data/folds.tsv'), 'w', encoding='utf-8') as f:
    f.write('id\tlabel\tbatch\tfold\n')
    for d in docs:
        f.write('%s\t%s\t%s\t%d\n' % (d['id'], d['label'], d['id'][:4], fold_of[d['id']]))

# The demo site's articles (data/demo-site/src, see its FORMAT.md) with their gold frames.
lang = {}
with open(os.path.join(root, 'data/demo-site/src/FORMAT.md'), encoding='utf-8') as f:
    for line in f:
        m = re.match(r'\|\s*([a-z]+)\s*\|[^|]*\|\s*([a-z]{2})\s*\|', line)
        if m:
            lang[m.group(1)] = m.group(2)
demo = []
for path in sorted(glob.glob(os.path.join(root, 'data/demo-site/src/*.txt'))):
    with open(path, encoding='utf-8') as f:
        blocks = re.split(r'^%%% ', f.read(), flags=re.M)
    for b in blocks:
        if not b.startswith('article'):
            continue
        head, _, body = b.partition('\n---\n')
        h = {}
        for line in head.splitlines()[1:]:
            k, _, v = line.partition(':')
            h[k.strip()] = v.strip()
        paras = []
        for p in re.split(r'\n\s*\n', body.strip()):
            lines = [re.sub(r'^(## |> |- )', '', line) for line in p.splitlines()]
            paras.append(' '.join(lines))
        demo.append({'id': h['id'], 'language': lang[h['outlet']], 'title': h['title'],
                     'text': '\n\n'.join(paras), 'label': h['frame']})
with open(os.path.join(out, 'data/demo.jsonl'), 'w', encoding='utf-8') as f:
    for d in demo:
        f.write(json.dumps(d, ensure_ascii=False) + '\n')

# The untrained codebook model as a model file (the CLI prefers the bundled trained model).
with open(os.path.join(root, 'data/codebook/default.toml'), encoding='utf-8') as f:
    text = f.read()
model = {'format': 'framescope-classifier', 'version': 2, 'type': 'codebook',
         'labels': ['alarmist', 'balanced', 'supportive', 'none'],
         'codebook': {'name': 'default.toml', 'sha1': hashlib.sha1(text.encode()).hexdigest(),
                      'text': text}}
with open(os.path.join(out, 'data/codebook_model.json'), 'w', encoding='utf-8') as f:
    json.dump(model, f, ensure_ascii=False)
print('%d labelled documents, %d folds; %d demo-site articles' % (len(docs), folds, len(demo)))
EOF

cat > "$OUT/helpers/split.py" << 'EOF'
"""Writes <out>/<split>/train.jsonl and test.jsonl for every fold (cv) or writer batch (lobo)."""
import json, os, sys

labelled, folds_tsv, out, mode = sys.argv[1:5]
with open(labelled, encoding='utf-8') as f:
    docs = [json.loads(line) for line in f if line.strip()]
split = {}
with open(folds_tsv, encoding='utf-8') as f:
    next(f)
    for line in f:
        i, label, batch, fold = line.rstrip('\n').split('\t')
        split[i] = ('fold%s' % fold) if mode == 'cv' else batch
for name in sorted(set(split.values())):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    with open(os.path.join(out, name, 'train.jsonl'), 'w', encoding='utf-8') as tr, \
         open(os.path.join(out, name, 'test.jsonl'), 'w', encoding='utf-8') as te:
        for d in docs:
            (te if split[d['id']] == name else tr).write(json.dumps(d, ensure_ascii=False) + '\n')
    print(name)
EOF

cat > "$OUT/helpers/to_fasttext.py" << 'EOF'
"""JSONL documents -> fastText lines: __label__<label> then lower-cased tokens (title, then
text), punctuation split off, every Chinese/Japanese character a token of its own."""
import json, re, sys

CJK = re.compile(r'([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])')
TOKEN = re.compile(r'\w+|[^\w\s]')
for line in sys.stdin:
    if not line.strip():
        continue
    d = json.loads(line)
    text = CJK.sub(r' \1 ', (d.get('title', '') + ' \n ' + d.get('text', '')).lower())
    label = d.get('label') or d.get('frame') or 'none'
    sys.stdout.write('__label__' + label + ' ' + ' '.join(TOKEN.findall(text)) + '\n')
EOF

cat > "$OUT/helpers/score.py" << 'EOF'
"""Scores predictions against gold: accuracy, macro-F1 (over the labels in gold or predicted),
Krippendorff's alpha (nominal, gold and prediction as two coders), per language.
Usage: score.py OUT_DIR SPLIT:DIR[,DIR...]... ; each DIR holds test.jsonl (gold) and the
predictions pred_fs.jsonl (framescope), pred_ft.txt, pred_ftc.txt (fastText), and optionally
pred_codebook.jsonl. Writes OUT_DIR/scores.json."""
import json, os, sys
from collections import Counter

PEERS = {'framescope': 'pred_fs.jsonl', 'fasttext': 'pred_ft.txt',
         'fasttext_char': 'pred_ftc.txt', 'codebook': 'pred_codebook.jsonl'}

def scores(gold, pred):
    n = len(gold)
    labels = sorted(set(gold) | set(pred))
    acc = sum(g == p for g, p in zip(gold, pred)) / n
    f1s = []
    for l in labels:
        tp = sum(g == l and p == l for g, p in zip(gold, pred))
        fp = sum(g != l and p == l for g, p in zip(gold, pred))
        fn = sum(g == l and p != l for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    # Krippendorff's alpha, nominal, two coders, no missing values: 1 - D_o / D_e from the
    # coincidence matrix (each unit contributes both ordered pairs).
    values = Counter(gold) + Counter(pred)
    total = 2 * n
    d_o = sum(2 for g, p in zip(gold, pred) if g != p) / total
    d_e = (total * total - sum(v * v for v in values.values())) / (total * (total - 1))
    alpha = 1 - d_o / d_e if d_e > 0 else float('nan')
    return {'n': n, 'accuracy': acc, 'macro_f1': sum(f1s) / len(f1s), 'alpha': alpha}

def read_jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]

def predictions(path, docs):
    if path.endswith('.jsonl'):
        by_id = {d['id']: d['frame'] for d in read_jsonl(path)}
        return [by_id[d['id']] for d in docs]
    with open(path, encoding='utf-8') as f:
        pred = [line.strip().replace('__label__', '') for line in f]
    if len(pred) != len(docs):
        sys.exit('score.py: %s has %d predictions for %d documents' % (path, len(pred), len(docs)))
    return pred

result = {}
for arg in sys.argv[2:]:
    split, _, dirs = arg.partition(':')
    dirs = dirs.split(',')
    docs_by_dir = [read_jsonl(os.path.join(d, 'test.jsonl')) for d in dirs]
    docs = [x for ds in docs_by_dir for x in ds]
    gold = [d['label'] for d in docs]
    langs = [d['language'] for d in docs]
    result[split] = {}
    for peer, name in PEERS.items():
        if not all(os.path.exists(os.path.join(d, name)) for d in dirs):
            continue
        pred = []
        for d, ds in zip(dirs, docs_by_dir):
            pred += predictions(os.path.join(d, name), ds)
        e = scores(gold, pred)
        e['per_language'] = {l: scores([g for g, x in zip(gold, langs) if x == l],
                                      [p for p, x in zip(pred, langs) if x == l])
                             for l in sorted(set(langs))}
        result[split][peer] = e
with open(os.path.join(sys.argv[1], 'scores.json'), 'w') as f:
    json.dump(result, f, indent=1)
EOF

cat > "$OUT/helpers/cputime.py" << 'EOF'
"""Runs a command (stdin/stdout from files) and prints its CPU seconds (user + system)."""
import resource, subprocess, sys

stdin, stdout, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(stdin, 'rb') as i, open(stdout, 'wb') as o:
    subprocess.run(cmd, stdin=i, stdout=o, stderr=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print('%.4f' % (r.ru_utime + r.ru_stime))
EOF

# ---------------------------------------------------------------------------------------------
python3 "$OUT/helpers/prepare.py" "$ROOT" "$OUT" "$FOLDS" "$SEED"
# fastText's default learning rate (0.1 for 25 epochs) does not learn from a few hundred
# documents: the loss stays at ln 4 and every document gets the majority label. lr 1.0 for 100
# epochs does. Two configurations: words and word bigrams (-wordNgrams 2 -dim 50, as the issue
# suggests), and the same plus subword character n-grams of 3 to 5 (fastText's best here).
FT_OPTS=(-lr 1.0 -epoch 100 -wordNgrams 2 -dim 50 -bucket 200000 -thread 1 -seed "$SEED"
         -verbose 0)
FT_CHAR_OPTS=("${FT_OPTS[@]}" -minn 3 -maxn 5)

# Trains and tests every classifier on one split folder (train.jsonl, test.jsonl).
run_split() {
  local dir=$1
  "$FS" train "$dir/train.jsonl" --out "$dir/model.json" --seed "$SEED" 2> "$dir/train.log"
  "$FS" classify --model "$dir/model.json" --input "$dir/test.jsonl" > "$dir/pred_fs.jsonl" \
    2> "$dir/classify.log"
  python3 "$OUT/helpers/to_fasttext.py" < "$dir/train.jsonl" > "$dir/train.ft"
  python3 "$OUT/helpers/to_fasttext.py" < "$dir/test.jsonl" > "$dir/test.ft"
  fasttext supervised -input "$dir/train.ft" -output "$dir/ft" "${FT_OPTS[@]}"
  fasttext predict "$dir/ft.bin" "$dir/test.ft" > "$dir/pred_ft.txt"
  fasttext supervised -input "$dir/train.ft" -output "$dir/ftc" "${FT_CHAR_OPTS[@]}"
  fasttext predict "$dir/ftc.bin" "$dir/test.ft" > "$dir/pred_ftc.txt"
  rm -f "$dir/ft.vec" "$dir/ftc.vec"
}

SECONDS=0
score_args=()
for mode in cv lobo; do
  python3 "$OUT/helpers/split.py" "$OUT/data/labelled.jsonl" "$OUT/data/folds.tsv" "$OUT/$mode" \
    "$mode" > "$OUT/$mode/splits.txt"
  dirs=""
  while read -r split; do
    echo "  $mode $split"
    run_split "$OUT/$mode/$split"
    dirs+="${dirs:+,}$OUT/$mode/$split"
  done < "$OUT/$mode/splits.txt"
  score_args+=("$mode:$dirs")
done

# Out of sample: the demo site. Train on everything labelled, test on the demo articles; the
# untrained codebook model too.
cp "$OUT/data/labelled.jsonl" "$OUT/demo/train.jsonl"
cp "$OUT/data/demo.jsonl" "$OUT/demo/test.jsonl"
echo "  demo site"
run_split "$OUT/demo"
"$FS" classify --model "$OUT/data/codebook_model.json" --input "$OUT/demo/test.jsonl" \
  > "$OUT/demo/pred_codebook.jsonl" 2> /dev/null
score_args+=("demo:$OUT/demo")
python3 "$OUT/helpers/score.py" "$OUT" "${score_args[@]}"
accuracy_seconds=$SECONDS

# ---------------------------------------------------------------------------------------------
# Throughput: the models trained on all labelled documents (demo/), the labelled documents
# repeated REPS times as input. Start-up and model loading, measured on a one-document input,
# are subtracted. Best of three runs each.
S="$OUT/speed"
for ((i = 0; i < REPS; i++)); do cat "$OUT/data/labelled.jsonl"; done > "$S/big.jsonl"
head -n 1 "$OUT/data/labelled.jsonl" > "$S/one.jsonl"
n_big=$(wc -l < "$S/big.jsonl")
cpu() { python3 "$OUT/helpers/cputime.py" "$@"; }
best() {
  local a b c
  a=$(cpu "$@"); b=$(cpu "$@"); c=$(cpu "$@")
  printf '%s\n%s\n%s\n' "$a" "$b" "$c" | sort -g | head -n 1
}
declare -A T
for size in big one; do
  T[fs_$size]=$(best /dev/null /dev/null "$FS" classify --model "$OUT/demo/model.json" \
    --input "$S/$size.jsonl")
  T[cb_$size]=$(best /dev/null /dev/null "$FS" classify --model "$OUT/data/codebook_model.json" \
    --input "$S/$size.jsonl")
  T[prep_$size]=$(best "$S/$size.jsonl" "$S/$size.ft" python3 "$OUT/helpers/to_fasttext.py")
  T[ft_$size]=$(best /dev/null /dev/null fasttext predict "$OUT/demo/ft.bin" "$S/$size.ft")
  T[ftc_$size]=$(best /dev/null /dev/null fasttext predict "$OUT/demo/ftc.bin" "$S/$size.ft")
done

python3 - "$OUT" "$n_big" "$accuracy_seconds" "$FOLDS" "${T[fs_big]}" "${T[fs_one]}" \
  "${T[cb_big]}" "${T[cb_one]}" "${T[prep_big]}" "${T[prep_one]}" "${T[ft_big]}" "${T[ft_one]}" \
  "${T[ftc_big]}" "${T[ftc_one]}" << 'EOF'
import json, sys
out, n, seconds, folds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t = dict(zip(['fs_big', 'fs_one', 'cb_big', 'cb_one', 'prep_big', 'prep_one', 'ft_big', 'ft_one',
              'ftc_big', 'ftc_one'], map(float, sys.argv[5:15])))
rate = lambda *keys: n / max(sum(t[k + '_big'] - t[k + '_one'] for k in keys), 1e-9)
speed = {
    'documents': n,
    'framescope_trained': rate('fs'),
    'framescope_codebook': rate('cb'),
    'fasttext_predict': rate('ft'),
    'fasttext_char_predict': rate('ftc'),
    'fasttext_with_tokenising': rate('ft', 'prep'),
    'fasttext_char_with_tokenising': rate('ftc', 'prep'),
    'cpu_seconds': t,
}
scores = json.load(open(out + '/scores.json'))
json.dump({'scores': scores, 'speed': speed}, open(out + '/results.json', 'w'), indent=1)

names = {'framescope': 'framescope (trained model)', 'fasttext': 'fastText (words, bigrams)',
         'fasttext_char': 'fastText (+ char 3-5-grams)', 'codebook': 'framescope codebook model'}
titles = {'cv': '%d-fold CV, stratified, same folds' % folds,
          'lobo': 'leave-one-writer-batch-out (10 batches)',
          'demo': 'demo site, out of sample (trained on all 450)'}
print()
print('%-46s %5s  %8s  %8s  %6s' % ('', 'docs', 'accuracy', 'macro-F1', 'alpha'))
for key in ('cv', 'lobo', 'demo'):
    print(titles[key])
    for peer, e in scores[key].items():
        print('  %-44s %5d  %8.3f  %8.3f  %6.3f' % (names[peer], e['n'], e['accuracy'],
                                                  e['macro_f1'], e['alpha']))
print()
for key in ('cv', 'lobo'):
    print('%s, macro-F1 per language (framescope / fastText / fastText+char):' % titles[key])
    s = scores[key]
    print('  ' + '  '.join('%s %.3f/%.3f/%.3f' % (l, s['framescope']['per_language'][l]['macro_f1'],
                                                 s['fasttext']['per_language'][l]['macro_f1'],
                                                 s['fasttext_char']['per_language'][l]['macro_f1'])
                           for l in sorted(s['framescope']['per_language'])))
print()
print('prediction throughput, one thread, CPU time, %d documents, start-up and model load' % n)
print('excluded (docs/s):')
print('  framescope classify, trained model (JSONL in and out)   %7.0f' % speed['framescope_trained'])
print('  framescope classify, codebook model                     %7.0f' % speed['framescope_codebook'])
print('  fasttext predict, words + bigrams (tokenised input)      %7.0f' % speed['fasttext_predict'])
print('  fasttext predict, + char n-grams (tokenised input)       %7.0f' % speed['fasttext_char_predict'])
print('  fastText words + bigrams incl. tokenising JSONL          %7.0f' % speed['fasttext_with_tokenising'])
print('  fastText + char n-grams incl. tokenising JSONL           %7.0f' % speed['fasttext_char_with_tokenising'])
print('  ratio framescope / fasttext predict: %.2f (words), %.2f (char)' % (
    speed['framescope_trained'] / speed['fasttext_predict'],
    speed['framescope_trained'] / speed['fasttext_char_predict']))
print()
print('accuracy runs took %d s; results in %s/results.json' % (seconds, out))
EOF

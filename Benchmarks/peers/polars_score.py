"""The polars + numpy peer of `segmentd score` (issue 19): the same model, scored the way a data team would.

    python polars_score.py MODEL.json INPUT.csv OUTPUT.csv
    python polars_score.py --check MODEL.json INPUT.csv SEGMENTD_SCORED.csv

Reads the CSV with polars, fills blanks with the model's medians, computes the pipeline's derived features
(the model's expression language: + - * /, division by zero gives 0, log1p, abs, min, max, clip, comparisons,
and/or/not) and its numeric features (signed_log1p or none) and one-hot categories with polars expressions, then
standard-scales, projects onto the PCA components and finds the nearest centroid with numpy (confidence
1 - d1/d2, distance d1, as segmentd defines them), and writes the input columns plus segment_id, segment_name,
confidence, distance and model_version with polars (numbers with six decimals, as segmentd writes them).

--check scores INPUT in memory and compares with a file `segmentd score` wrote: same rows, same segment_id on
every row, confidence and distance within 1e-6 (segmentd rounds them to six decimals). Prints what it found and
exits 1 on any disagreement.
"""

import json
import re
import sys

import numpy as np
import polars as pl

TOKEN = re.compile(
    r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|`(?P<quoted>[^`]*)`|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|[-+*/(),<>]))"
)


def tokens(text):
    out, position = [], 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = TOKEN.match(text, position)
        if not match:
            raise ValueError(f"cannot read expression {text!r} at {position}")
        position = match.end()
        if match.group("number") is not None:
            out.append(("number", float(match.group("number"))))
        elif match.group("quoted") is not None:
            out.append(("name", match.group("quoted")))
        elif match.group("name") is not None:
            word = match.group("name")
            out.append((word, word) if word in ("and", "or", "not") else ("name", word))
        else:
            out.append(("op", match.group("op")))
    out.append(("end", None))
    return out


def truth(expr):
    return expr != 0


def as_number(condition):
    return condition.cast(pl.Float64)


class Parser:
    """Recursive descent with segmentd's precedence: or, and, not, comparison, + -, * /, unary, primary."""

    def __init__(self, text, names):
        self.items, self.index, self.names = tokens(text), 0, names

    def peek(self):
        return self.items[self.index]

    def take(self):
        item = self.items[self.index]
        self.index += 1
        return item

    def parse(self):
        expr = self.disjunction()
        if self.peek()[0] != "end":
            raise ValueError(f"unexpected {self.peek()}")
        return expr

    def disjunction(self):
        left = self.conjunction()
        while self.peek()[0] == "or":
            self.take()
            left = as_number(truth(left) | truth(self.conjunction()))
        return left

    def conjunction(self):
        left = self.negation()
        while self.peek()[0] == "and":
            self.take()
            left = as_number(truth(left) & truth(self.negation()))
        return left

    def negation(self):
        if self.peek()[0] == "not":
            self.take()
            return as_number(~truth(self.negation()))
        return self.comparison()

    def comparison(self):
        left = self.additive()
        kind, value = self.peek()
        compare = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne"}
        if kind == "op" and value in compare:
            self.take()
            return as_number(getattr(left, compare[value])(self.additive()))
        return left

    def additive(self):
        left = self.multiplicative()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            right = self.multiplicative()
            left = left + right if op == "+" else left - right
        return left

    def multiplicative(self):
        left = self.unary()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            right = self.unary()
            # segmentd: division by zero gives 0.
            left = left * right if op == "*" else pl.when(right == 0).then(0.0).otherwise(left / right)
        return left

    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return -self.unary()
        if self.peek() == ("op", "+"):
            self.take()
            return self.unary()
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if kind == "number":
            return pl.lit(value, dtype=pl.Float64)
        if kind == "op" and value == "(":
            inner = self.disjunction()
            self.expect(")")
            return inner
        if kind != "name":
            raise ValueError(f"unexpected {value!r}")
        if self.peek() != ("op", "("):
            return self.names[value]
        self.take()
        arguments = [self.disjunction()]
        while self.peek() == ("op", ","):
            self.take()
            arguments.append(self.disjunction())
        self.expect(")")
        if value == "log1p":
            return arguments[0].log1p()
        if value == "abs":
            return arguments[0].abs()
        if value == "min":
            return pl.min_horizontal(*arguments)
        if value == "max":
            return pl.max_horizontal(*arguments)
        if value == "clip":
            return pl.min_horizontal(pl.max_horizontal(arguments[0], arguments[1]), arguments[2])
        raise ValueError(f"unknown function {value}")

    def expect(self, op):
        if self.take() != ("op", op):
            raise ValueError(f"expected {op!r}")


def model_features(model):
    """The model's feature columns as polars expressions over the raw (median-filled) columns, in model order."""
    pipeline = model["pipeline"]
    medians = model["imputation"]["medians"]
    names = {column: pl.col(column).fill_null(medians[column]) for column in pipeline["columns"]}
    for derived in pipeline.get("derived", []):
        names[derived["name"]] = Parser(derived["expr"], names).parse()
    features = []
    for feature in pipeline["features"]:
        value = names[feature["name"]]
        if feature.get("transform", "none") == "signed_log1p":
            value = value.sign() * value.abs().log1p()
        features.append(value.alias(f"f{len(features)}"))
    for categorical in pipeline.get("categorical", []):
        chosen = pl.lit(categorical["default"])
        for rule in reversed(categorical.get("rules", [])):
            chosen = pl.when(truth(Parser(rule["when"], names).parse())).then(pl.lit(rule["category"])).otherwise(
                chosen
            )
        for category in categorical["categories"]:
            features.append((chosen == category).cast(pl.Float64).alias(f"f{len(features)}"))
    return features


def assign(model, frame):
    """segment id, confidence and distance of every row of `frame`, with numpy."""
    x = frame.select(model_features(model)).to_numpy().astype(np.float64, copy=False)
    scaler, pca = model["scaler"], model["pca"]
    numeric = len(scaler["mean"])
    x[:, :numeric] = (x[:, :numeric] - np.asarray(scaler["mean"])) / np.asarray(scaler["scale"])
    projected = (x - np.asarray(pca["mean"])) @ np.asarray(pca["components"]).T
    centroids = np.asarray(model["kmeans"]["centroids"])
    squared = np.empty((projected.shape[0], centroids.shape[0]))
    for index, centroid in enumerate(centroids):
        squared[:, index] = ((projected - centroid) ** 2).sum(axis=1)
    segment = squared.argmin(axis=1)
    two = np.partition(squared, 1, axis=1)[:, :2] if centroids.shape[0] > 1 else np.repeat(squared, 2, axis=1)
    d1, d2 = np.sqrt(two[:, 0]), np.sqrt(two[:, 1])
    with np.errstate(divide="ignore", invalid="ignore"):
        confidence = np.where(d2 > 0, np.clip(1 - d1 / d2, 0, 1), 0.0)
    return segment, confidence, d1


def read(model, path):
    pipeline = model["pipeline"]
    schema = {column: pl.Float64 for column in pipeline["columns"]}
    schema[pipeline["id_column"]] = pl.String
    return pl.read_csv(path, schema_overrides=schema)


def score(model_path, input_path, output_path):
    model = json.load(open(model_path))
    frame = read(model, input_path)
    segment, confidence, distance = assign(model, frame)
    names = np.array([entry["name"] for entry in sorted(model["segments"], key=lambda entry: entry["id"])])
    frame.with_columns(
        pl.Series("segment_id", segment.astype(np.int64)),
        pl.Series("segment_name", names[segment]),
        pl.Series("confidence", confidence),
        pl.Series("distance", distance),
        pl.lit(model["model_version"]).alias("model_version"),
    ).write_csv(output_path, float_precision=6)


def check(model_path, input_path, scored_path):
    model = json.load(open(model_path))
    segment, confidence, distance = assign(model, read(model, input_path))
    scored = pl.read_csv(
        scored_path, columns=["segment_id", "confidence", "distance"], schema_overrides={"segment_id": pl.Int64}
    )
    if scored.height != len(segment):
        print(f"peer check FAILED: segmentd scored {scored.height} rows, the peer {len(segment)}")
        return 1
    differing = int((scored["segment_id"].to_numpy() != segment).sum())
    confidence_gap = float(np.abs(scored["confidence"].to_numpy() - confidence).max(initial=0))
    distance_gap = float(np.abs(scored["distance"].to_numpy() - distance).max(initial=0))
    ok = differing == 0 and confidence_gap <= 1e-6 and distance_gap <= 1e-6
    print(
        f"peer check {'ok' if ok else 'FAILED'}: {len(segment)} rows, {differing} with another segment_id than "
        f"segmentd's; largest confidence difference {confidence_gap:.2e}, distance {distance_gap:.2e} (limit 1e-6)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--check"] and len(arguments) == 4:
        sys.exit(check(*arguments[1:]))
    if len(arguments) != 3:
        sys.exit(__doc__)
    score(*arguments)

import {
  createFeatureExtractor,
  extractFeatures,
  type FeatureConfig,
  wordField,
  wordStride,
} from "../../src/core/risk/classify/classify.features.ts";

/** Sparse rows in CSR form: row r holds `indices/values[rowStart[r] .. rowStart[r+1])`. */
export interface SparseMatrix {
  rows: number;
  dim: number;
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/**
 * Word vectors by embedding-vocabulary row (row r at `vectors[r * dimensions …]`) and the weight of their mean:
 * with them, each row of a matrix also holds `weight` × the mean vector of its words that have a row, in the
 * `dimensions` columns after the hash buckets (training only: a model keeps one score per word instead).
 */
export interface DenseWords {
  vectors: Float32Array;
  dimensions: number;
  weight: number;
}

/** Hashes texts with the production extractor into a sparse matrix (so training sees what scoring sees). */
export function featurise(texts: readonly string[], config: FeatureConfig, dense?: DenseWords): SparseMatrix {
  const extractor = createFeatureExtractor(config);
  const buckets = 1 << config.hashBits;
  const dimensions = dense?.dimensions ?? 0;
  const mean = new Float64Array(dimensions);
  const rowStart = new Int32Array(texts.length + 1);
  let indices = new Int32Array(texts.length * 256);
  let values = new Float32Array(texts.length * 256);
  let nnz = 0;
  texts.forEach((text, row) => {
    extractFeatures(extractor, text);
    const count = extractor.touchedCount;
    const embedded = dense && extractor.embeddedCount > 0 ? dimensions : 0;
    if (nnz + count + embedded > indices.length) {
      const capacity = Math.max(indices.length * 2, nnz + count + embedded);
      const grownIndices = new Int32Array(capacity);
      grownIndices.set(indices.subarray(0, nnz));
      const grownValues = new Float32Array(capacity);
      grownValues.set(values.subarray(0, nnz));
      indices = grownIndices;
      values = grownValues;
    }
    indices.set(extractor.touched.subarray(0, count), nnz);
    values.set(extractor.values.subarray(0, count), nnz);
    nnz += count;
    if (dense && embedded > 0) {
      mean.fill(0);
      for (let w = 0; w < extractor.wordCount; w++) {
        const at = (extractor.words[w * wordStride + wordField.embedding] ?? -1) * dimensions;
        if (at < 0) continue;
        for (let d = 0; d < dimensions; d++) mean[d] = (mean[d] ?? 0) + (dense.vectors[at + d] ?? 0);
      }
      const scale = dense.weight / extractor.embeddedCount;
      for (let d = 0; d < dimensions; d++) {
        indices[nnz] = buckets + d;
        values[nnz++] = (mean[d] ?? 0) * scale;
      }
    }
    rowStart[row + 1] = nnz;
  });
  return {
    rows: texts.length,
    dim: buckets + dimensions,
    rowStart,
    indices: indices.slice(0, nnz),
    values: values.slice(0, nnz),
  };
}

/**
 * NB-SVM's log-count ratio per bucket (Wang & Manning 2012, "Baselines and Bigrams"):
 * r = log((α + positive presence) / ‖·‖₁) − log((α + negative presence) / ‖·‖₁).
 */
export function nbRatios(matrix: SparseMatrix, labels: Uint8Array, alpha = 1): Float32Array {
  const positive = new Float64Array(matrix.dim).fill(alpha);
  const negative = new Float64Array(matrix.dim).fill(alpha);
  for (let row = 0; row < matrix.rows; row++) {
    const target = labels[row] === 1 ? positive : negative;
    for (let k = matrix.rowStart[row] ?? 0; k < (matrix.rowStart[row + 1] ?? 0); k++) {
      const bucket = matrix.indices[k] ?? 0;
      target[bucket] = (target[bucket] ?? 0) + 1;
    }
  }
  const positiveTotal = positive.reduce((sum, value) => sum + value, 0);
  const negativeTotal = negative.reduce((sum, value) => sum + value, 0);
  const ratios = new Float32Array(matrix.dim);
  for (let j = 0; j < matrix.dim; j++) {
    ratios[j] = Math.log((positive[j] ?? 1) / positiveTotal) - Math.log((negative[j] ?? 1) / negativeTotal);
  }
  return ratios;
}

/** The matrix with every column scaled (x_ij · s_j), as NB scaling applies. */
export function scaleColumns(matrix: SparseMatrix, scale: Float32Array): SparseMatrix {
  const values = new Float32Array(matrix.values.length);
  for (let k = 0; k < values.length; k++)
    values[k] = (matrix.values[k] ?? 0) * (scale[matrix.indices[k] ?? 0] ?? 0);
  return { ...matrix, values };
}

/** Options of logistic regression. */
export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), on the weighted mean log-loss. */
  lambda: number;
  /** Weight of each positive example relative to a negative one's 1 (class balancing). */
  positiveWeight: number;
  maxIterations?: number;
}

/** A trained linear model: logit = bias + Σ weights[j]·x_j. */
export interface LinearWeights {
  weights: Float64Array;
  bias: number;
  iterations: number;
  loss: number;
}

/**
 * L2-regularised logistic regression solved with L-BFGS (Nocedal & Wright, algorithm 7.4) and an
 * Armijo backtracking line search: deterministic, and to convergence rather than SGD's approximate optimum.
 */
export function trainLogistic(
  matrix: SparseMatrix,
  labels: Uint8Array,
  options: LogisticOptions,
): LinearWeights {
  const dim = matrix.dim;
  const size = dim + 1; // the last parameter is the bias
  const history = 6;
  const maxIterations = options.maxIterations ?? 100;
  const sampleWeight = new Float64Array(matrix.rows);
  let weightTotal = 0;
  for (let row = 0; row < matrix.rows; row++) {
    sampleWeight[row] = labels[row] === 1 ? options.positiveWeight : 1;
    weightTotal += sampleWeight[row] ?? 0;
  }
  const residual = new Float64Array(matrix.rows);

  const evaluate = (theta: Float64Array, gradient: Float64Array): number =>
    logisticLoss(matrix, labels, sampleWeight, weightTotal, options.lambda, theta, gradient, residual);

  let theta = new Float64Array(size);
  let gradient = new Float64Array(size);
  let loss = evaluate(theta, gradient);
  const steps: Float64Array[] = [];
  const gradientSteps: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(size);
  const alphas = new Float64Array(history);
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    // Two-loop recursion: direction = −H·gradient.
    direction.set(gradient);
    for (let m = steps.length - 1; m >= 0; m--) {
      const alpha = (rhos[m] ?? 0) * dot(steps[m] as Float64Array, direction);
      alphas[m] = alpha;
      axpy(-alpha, gradientSteps[m] as Float64Array, direction);
    }
    const lastStep = steps.at(-1);
    const lastGradientStep = gradientSteps.at(-1);
    const gamma =
      lastStep && lastGradientStep
        ? dot(lastStep, lastGradientStep) / dot(lastGradientStep, lastGradientStep)
        : 1 / Math.max(1e-12, Math.sqrt(dot(gradient, gradient)));
    scale(direction, gamma);
    for (let m = 0; m < steps.length; m++) {
      const beta = (rhos[m] ?? 0) * dot(gradientSteps[m] as Float64Array, direction);
      axpy((alphas[m] ?? 0) - beta, steps[m] as Float64Array, direction);
    }
    scale(direction, -1);
    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (can happen with curvature noise): restart from steepest descent.
      steps.length = 0;
      gradientSteps.length = 0;
      rhos.length = 0;
      direction.set(gradient);
      scale(direction, -1);
      slope = dot(gradient, direction);
    }

    let step = 1;
    const candidate = new Float64Array(size);
    const candidateGradient = new Float64Array(size);
    let candidateLoss = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      candidate.set(theta);
      axpy(step, direction, candidate);
      candidateLoss = evaluate(candidate, candidateGradient);
      if (candidateLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    const s = difference(candidate, theta);
    const y = difference(candidateGradient, gradient);
    const curvature = dot(s, y);
    if (curvature > 1e-12) {
      steps.push(s);
      gradientSteps.push(y);
      rhos.push(1 / curvature);
      if (steps.length > history) {
        steps.shift();
        gradientSteps.shift();
        rhos.shift();
      }
    }
    const improvement = loss - candidateLoss;
    theta = candidate;
    gradient = candidateGradient;
    loss = candidateLoss;
    if (improvement >= 0 && improvement < 1e-7 * Math.max(1, Math.abs(loss))) break;
  }
  return { weights: theta.subarray(0, dim), bias: theta[dim] ?? 0, iterations: iteration, loss };
}

/** Raw logits of every row of a matrix under a linear model. */
export function predictLogits(
  matrix: SparseMatrix,
  model: { weights: ArrayLike<number>; bias: number },
): Float64Array {
  const logits = new Float64Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) {
    let z = model.bias;
    for (let k = matrix.rowStart[row] ?? 0; k < (matrix.rowStart[row + 1] ?? 0); k++) {
      z += (matrix.values[k] ?? 0) * (model.weights[matrix.indices[k] ?? 0] ?? 0);
    }
    logits[row] = z;
  }
  return logits;
}

// The loss and gradient pass, kept in its own small function with local array references so V8
// compiles the two sparse loops tightly (as a closure over `matrix` it ran several times slower).
function logisticLoss(
  matrix: SparseMatrix,
  labels: Uint8Array,
  sampleWeight: Float64Array,
  weightTotal: number,
  lambda: number,
  theta: Float64Array,
  gradient: Float64Array,
  residual: Float64Array,
): number {
  const { rows, dim, rowStart, indices, values } = matrix;
  const bias = theta[dim] as number;
  let loss = 0;
  let biasGradient = 0;
  for (let row = 0; row < rows; row++) {
    let z = bias;
    const end = rowStart[row + 1] as number;
    for (let k = rowStart[row] as number; k < end; k++)
      z += (values[k] as number) * (theta[indices[k] as number] as number);
    const y = labels[row] as number;
    // log(1 + e^z) − y·z, computed without overflow.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    const w = (sampleWeight[row] as number) / weightTotal;
    loss += w * (softplus - y * z);
    const r = w * (1 / (1 + Math.exp(-z)) - y);
    residual[row] = r;
    biasGradient += r;
  }
  gradient.fill(0);
  for (let row = 0; row < rows; row++) {
    const r = residual[row] as number;
    const end = rowStart[row + 1] as number;
    for (let k = rowStart[row] as number; k < end; k++) {
      const j = indices[k] as number;
      gradient[j] = (gradient[j] as number) + r * (values[k] as number);
    }
  }
  let penalty = 0;
  for (let j = 0; j < dim; j++) {
    const t = theta[j] as number;
    penalty += t * t;
    gradient[j] = (gradient[j] as number) + lambda * t;
  }
  gradient[dim] = biasGradient;
  return loss + 0.5 * lambda * penalty;
}

function scale(x: Float64Array, factor: number): void {
  for (let j = 0; j < x.length; j++) x[j] = (x[j] as number) * factor;
}

function difference(a: Float64Array, b: Float64Array): Float64Array {
  const result = new Float64Array(a.length);
  for (let j = 0; j < a.length; j++) result[j] = (a[j] as number) - (b[j] as number);
  return result;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] as number) * (b[j] as number);
  return sum;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < y.length; j++) y[j] = (y[j] as number) + alpha * (x[j] as number);
}

using System.Text.Json;
using LeadRecs.Ranking.Onnx;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>
/// A TensorFlow Serving <c>:predict</c> body, flattened to the model's row-major inputs. Two formats, as TF Serving
/// has them: rows, <c>{"instances": [{"dense": [...], "categorical": [...]}, ...]}</c>, and columns,
/// <c>{"inputs": {"dense": [[...], ...], "categorical": [[...], ...]}}</c>; <c>signature_name</c> may name
/// <c>serving_default</c>. Dense values are finite numbers, categorical values whole numbers (int64).
/// </summary>
public sealed record TfPredictRequest(bool Columnar, int Rows, float[] Dense, long[] Categorical)
{
    public const string InstancesKey = "instances";
    public const string InputsKey = "inputs";
    public const string SignatureNameKey = "signature_name";

    private static readonly string[] Tensors = [OnnxSignature.DenseInput, OnnxSignature.CategoricalInput];

    /// <summary>The request, or the error TF Serving would answer with 400.</summary>
    public static (TfPredictRequest? Request, string? Error) Parse(JsonElement root, int maxRows)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("The request body must be a JSON object with 'instances' or 'inputs'.");
        }
        JsonElement? instances = null, inputs = null;
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case InstancesKey when instances is null:
                    instances = member.Value;
                    break;
                case InputsKey when inputs is null:
                    inputs = member.Value;
                    break;
                case InstancesKey or InputsKey:
                    return Fail($"'{member.Name}' is given twice.");
                case SignatureNameKey:
                    if (member.Value.ValueKind != JsonValueKind.String || member.Value.GetString() != TfSignatureDef.DefaultName)
                    {
                        return Fail($"Serving signature name: {member.Value.GetRawText()} not found in signature def; the only one is \"{TfSignatureDef.DefaultName}\".");
                    }
                    break;
                default:
                    return Fail($"Unknown key '{member.Name}': a predict request has '{InstancesKey}' or '{InputsKey}', and optionally '{SignatureNameKey}'.");
            }
        }
        return (instances, inputs) switch
        {
            (null, null) => Fail($"Missing '{InputsKey}' or '{InstancesKey}' key."),
            ({ }, { }) => Fail($"Not both '{InputsKey}' and '{InstancesKey}' may be given."),
            ({ } rows, null) => ParseRows(rows, maxRows),
            (null, { } columns) => ParseColumns(columns, maxRows),
        };
    }

    private static (TfPredictRequest?, string?) ParseRows(JsonElement instances, int maxRows)
    {
        if (instances.ValueKind != JsonValueKind.Array || instances.GetArrayLength() == 0)
        {
            return Fail($"'{InstancesKey}' must be a non-empty list of objects with '{OnnxSignature.DenseInput}' and '{OnnxSignature.CategoricalInput}'.");
        }
        var rows = instances.GetArrayLength();
        if (rows > maxRows)
        {
            return Fail($"'{InstancesKey}' may have at most {maxRows} rows, got {rows}.");
        }
        var columns = new Matrix[2];
        var i = 0;
        foreach (var instance in instances.EnumerateArray())
        {
            var where = $"{InstancesKey}[{i}]";
            if (instance.ValueKind != JsonValueKind.Object)
            {
                return Fail($"{where} must be an object with '{OnnxSignature.DenseInput}' and '{OnnxSignature.CategoricalInput}'.");
            }
            var seen = 0;
            foreach (var member in instance.EnumerateObject())
            {
                var tensor = Array.IndexOf(Tensors, member.Name);
                if (tensor < 0)
                {
                    return Fail($"{where} has an unknown input '{member.Name}'; the inputs are '{OnnxSignature.DenseInput}' and '{OnnxSignature.CategoricalInput}'.");
                }
                if ((seen & (1 << tensor)) != 0)
                {
                    return Fail($"{where} gives the input '{member.Name}' twice.");
                }
                columns[tensor] ??= new Matrix(rows, tensor == 0);
                if (columns[tensor].AddRow(member.Value, i, $"{where}.{member.Name}") is { } error)
                {
                    return Fail(error);
                }
                seen |= 1 << tensor;
            }
            if (seen != 3)
            {
                return Fail($"{where} is missing the input '{Tensors[(seen & 1) == 0 ? 0 : 1]}'.");
            }
            i++;
        }
        return (new TfPredictRequest(false, rows, columns[0].Floats(), columns[1].Longs()), null);
    }

    private static (TfPredictRequest?, string?) ParseColumns(JsonElement inputs, int maxRows)
    {
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            return Fail($"'{InputsKey}' must be an object with the named inputs '{OnnxSignature.DenseInput}' and '{OnnxSignature.CategoricalInput}'.");
        }
        var columns = new Matrix[2];
        var rows = -1;
        foreach (var member in inputs.EnumerateObject())
        {
            var tensor = Array.IndexOf(Tensors, member.Name);
            var where = $"{InputsKey}.{member.Name}";
            if (tensor < 0)
            {
                return Fail($"'{InputsKey}' has an unknown input '{member.Name}'; the inputs are '{OnnxSignature.DenseInput}' and '{OnnxSignature.CategoricalInput}'.");
            }
            if (columns[tensor] is not null)
            {
                return Fail($"'{InputsKey}' gives the input '{member.Name}' twice.");
            }
            if (member.Value.ValueKind != JsonValueKind.Array || member.Value.GetArrayLength() == 0)
            {
                return Fail($"{where} must be a non-empty list of rows (a [rows, width] tensor).");
            }
            var n = member.Value.GetArrayLength();
            if (n > maxRows)
            {
                return Fail($"{where} may have at most {maxRows} rows, got {n}.");
            }
            if (rows >= 0 && n != rows)
            {
                return Fail($"'{OnnxSignature.DenseInput}' and '{OnnxSignature.CategoricalInput}' must have the same number of rows; got {rows} and {n}.");
            }
            rows = n;
            var matrix = columns[tensor] = new Matrix(n, tensor == 0);
            var r = 0;
            foreach (var row in member.Value.EnumerateArray())
            {
                if (matrix.AddRow(row, r, $"{where}[{r}]") is { } error)
                {
                    return Fail(error);
                }
                r++;
            }
        }
        if (columns[0] is null || columns[1] is null)
        {
            return Fail($"'{InputsKey}' is missing the input '{(columns[0] is null ? Tensors[0] : Tensors[1])}'.");
        }
        return (new TfPredictRequest(true, rows, columns[0].Floats(), columns[1].Longs()), null);
    }

    private static (TfPredictRequest?, string?) Fail(string error) => (null, error);

    /// <summary>A [rows, width] tensor filled row by row; every row must be as wide as the first.</summary>
    private sealed class Matrix(int rows, bool isFloat)
    {
        private float[]? _floats;
        private long[]? _longs;
        private int _width = -1;

        public string? AddRow(JsonElement row, int index, string where)
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                return $"{where} must be a list of numbers.";
            }
            var width = row.GetArrayLength();
            if (_width < 0)
            {
                if (width == 0)
                {
                    return $"{where} is empty.";
                }
                _width = width;
                _floats = isFloat ? new float[rows * width] : null;
                _longs = isFloat ? null : new long[rows * width];
            }
            else if (width != _width)
            {
                return $"{where} has {width} values; the first row has {_width}. Every row of a tensor has the same width.";
            }
            var j = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (isFloat)
                {
                    if (cell.ValueKind != JsonValueKind.Number || !cell.TryGetDouble(out var d) || !float.IsFinite((float)d))
                    {
                        return $"{where}[{j}] must be a finite number (DT_FLOAT).";
                    }
                    _floats![index * width + j] = (float)d;
                }
                else
                {
                    if (cell.ValueKind != JsonValueKind.Number || !cell.TryGetInt64(out var id))
                    {
                        return $"{where}[{j}] must be a whole number (DT_INT64).";
                    }
                    _longs![index * width + j] = id;
                }
                j++;
            }
            return null;
        }

        public float[] Floats() => _floats!;

        public long[] Longs() => _longs!;
    }
}

using System.Runtime.InteropServices;
using Google.Protobuf;
using LeadRecs.Ranking.Onnx.Proto;

namespace LeadRecs.Ranking.Onnx;

/// <summary>Small helpers for appending nodes, initializers and typed inputs/outputs to a GraphProto.</summary>
internal sealed class OnnxGraphBuilder(string name)
{
    public GraphProto Graph { get; } = new() { Name = name };

    public string Node(string opType, string output, params string[] inputs) => Node(opType, output, inputs, []);

    public string Node(string opType, string output, string[] inputs, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_" + opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float initializer stored as little-endian raw_data (one memcpy, no per-element varints).</summary>
    public string FloatInitializer(string tensorName, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = tensorName, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian.");
        }

        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        Graph.Initializer.Add(tensor);
        return tensorName;
    }

    /// <summary>An int64 scalar (dims = []) initializer.</summary>
    public string Int64Scalar(string tensorName, long value)
    {
        var tensor = new TensorProto { Name = tensorName, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Int64Data.Add(value);
        Graph.Initializer.Add(tensor);
        return tensorName;
    }

    /// <summary>An int64 1-D initializer (dims = [values.Length]), as the axes input of a reduction.</summary>
    public string Int64Vector(string tensorName, params long[] values)
    {
        var tensor = new TensorProto { Name = tensorName, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return tensorName;
    }

    public void Input(string tensorName, TensorProto.Types.DataType type, string batchDim, long width) =>
        Graph.Input.Add(Value(tensorName, type, batchDim, width));

    public void Output(string tensorName, TensorProto.Types.DataType type, string batchDim, long width) =>
        Graph.Output.Add(Value(tensorName, type, batchDim, width));

    private static ValueInfoProto Value(string tensorName, TensorProto.Types.DataType type, string batchDim, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batchDim });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = tensorName,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}

namespace LeadRecs.Ranking.Model;

/// <summary>
/// Scratch buffers for a forward (and backward) pass over up to <see cref="Capacity"/> rows. One per thread
/// or per training partition; allocated once so the hot loops never allocate.
/// </summary>
internal sealed class Workspace
{
    public Workspace(ParameterLayout layout, int categoricalCount, int capacity)
    {
        Capacity = capacity;
        InputWidth = layout.LayerInputs[0];
        Input = new float[capacity * InputWidth];
        Activations = new float[layout.LayerCount][];
        for (var l = 0; l < layout.LayerCount; l++)
        {
            Activations[l] = new float[capacity * layout.LayerOutputs[l]];
        }

        Ids = new int[capacity * categoricalCount];
        DeltaA = new float[capacity * layout.MaxLayerWidth];
        DeltaB = new float[capacity * layout.MaxLayerWidth];
    }

    public int Capacity { get; }

    public int InputWidth { get; }

    /// <summary>concat(dense, embeddings) per row: the first layer's input.</summary>
    public float[] Input { get; }

    /// <summary>Per layer output per row: ReLU output for hidden layers, the logit for the last.</summary>
    public float[][] Activations { get; }

    /// <summary>Categorical ids after the out-of-vocabulary rule, kept for the embedding gradient.</summary>
    public int[] Ids { get; }

    public float[] DeltaA { get; }

    public float[] DeltaB { get; }

    public ReadOnlySpan<float> Logits(int rows) => Activations[^1].AsSpan(0, rows);
}

using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Training;

/// <summary>Appends vectorised rows to growable flat buffers, then hands them over as <see cref="TrainingData"/>.</summary>
internal sealed class RowWriter(FeatureVectorizer vectorizer)
{
    private readonly List<TrainingRow> _rows = [];
    private float[] _dense = new float[1024 * vectorizer.DenseWidth];
    private int[] _categorical = new int[1024 * vectorizer.CategoricalCount];
    private float[] _labels = new float[1024];
    private float[] _weights = new float[1024];

    public int Count => _rows.Count;

    public void Add(UserFeatureContext user, LeadCandidate lead, float label, float weight, TrainingRow row)
    {
        var n = _rows.Count;
        if (n == _labels.Length)
        {
            Grow();
        }
        var d = vectorizer.DenseWidth;
        var c = vectorizer.CategoricalCount;
        vectorizer.Vectorize(user, lead, _dense.AsSpan(n * d, d), _categorical.AsSpan(n * c, c));
        _labels[n] = label;
        _weights[n] = weight;
        _rows.Add(row);
    }

    public TrainingSet ToTrainingSet(FeatureSchema schema, string source)
    {
        var n = _rows.Count;
        var data = new TrainingData(
            vectorizer.DenseWidth,
            vectorizer.CategoricalCount,
            _dense.AsSpan(0, n * vectorizer.DenseWidth).ToArray(),
            _categorical.AsSpan(0, n * vectorizer.CategoricalCount).ToArray(),
            _labels.AsSpan(0, n).ToArray(),
            _weights.AsSpan(0, n).ToArray());
        return new TrainingSet(schema, data, _rows.ToArray(), source);
    }

    private void Grow()
    {
        var capacity = _labels.Length * 2;
        Array.Resize(ref _dense, capacity * vectorizer.DenseWidth);
        Array.Resize(ref _categorical, capacity * vectorizer.CategoricalCount);
        Array.Resize(ref _labels, capacity);
        Array.Resize(ref _weights, capacity);
    }
}

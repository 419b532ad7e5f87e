namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// Dense indexes 0..Count-1 for string ids, in order of first appearance, so arrays can replace dictionaries
/// and the same id in a train and a test file gets the same index.
/// </summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    public int GetOrAdd(string id)
    {
        if (!_indexes.TryGetValue(id, out var index))
        {
            index = _names.Count;
            _indexes.Add(id, index);
            _names.Add(id);
        }

        return index;
    }

    public bool TryGet(string id, out int index) => _indexes.TryGetValue(id, out index);

    public string Name(int index) => _names[index];
}

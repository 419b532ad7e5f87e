using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.Ranking.Evaluation.Data.Ncf;

/// <summary>
/// Reads an NCF split as it is: the training file as interactions, the test file's line per user as the held-out
/// item, and the negatives file's items as the candidates it must outrank, so published splits are scored on
/// exactly their own candidates. Ids go through the same maps as any other input.
/// </summary>
public static class NcfReader
{
    public static NcfSplit Read(string trainPath, IdMap users, IdMap items)
    {
        var prefix = NcfFiles.Prefix(trainPath);
        var train = InteractionReader.Read(trainPath, users, items);
        var test = InteractionReader.Read(prefix + NcfFiles.TestSuffix, users, items);
        var negatives = ReadNegatives(prefix + NcfFiles.NegativeSuffix, users, items);
        var cases = new List<LooCase>();
        for (var r = 0; r < test.Count; r++)
        {
            var key = (test.Users[r], test.Items[r]);
            if (!negatives.TryGetValue(key, out var sampled))
            {
                throw new InvalidDataException(
                    $"{prefix + NcfFiles.NegativeSuffix}: no negatives for ({users.Name(key.Item1)},{items.Name(key.Item2)}) of the test file.");
            }

            cases.Add(new LooCase(key.Item1, key.Item2, sampled));
        }

        return new NcfSplit(train, cases);
    }

    private static Dictionary<(int User, int Item), int[]> ReadNegatives(string path, IdMap users, IdMap items)
    {
        var result = new Dictionary<(int, int), int[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var pair = fields[0].Trim('(', ')').Split(',', StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected '(user,item)' first, found '{fields[0]}'.");
            }

            var key = (users.GetOrAdd(pair[0]), items.GetOrAdd(pair[1]));
            result[key] = fields.Skip(1).Select(items.GetOrAdd).ToArray();
        }

        return result;
    }
}

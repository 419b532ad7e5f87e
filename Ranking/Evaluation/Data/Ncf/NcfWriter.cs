using System.Globalization;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.Ranking.Evaluation.Data.Ncf;

/// <summary>
/// Writes the split a protocol made in the NCF layout, ids as our 0-based indexes (what NCF code expects), with
/// PREFIX.users.tsv and PREFIX.items.tsv mapping each index back to the input's id: an outside implementation run
/// on these files sees exactly our training pairs and candidates. Leave-one-out writes one test line per user and
/// its sampled negatives (loo-full ranks every unseen item instead, on the same held-out items); a split protocol
/// writes every test pair and no negatives file, since it ranks the whole catalogue.
/// </summary>
public static class NcfWriter
{
    public const string Prefix = "leadrecs";

    public static IReadOnlyList<string> Write(string directory, EvaluationProtocol protocol, IdMap users, IdMap items)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var basePath = Path.Combine(directory, Prefix);
        written.Add(WriteLines(basePath + NcfFiles.TrainSuffix, TrainLines(protocol.Train)));
        switch (protocol)
        {
            case LeaveOneOutProtocol loo:
                written.Add(WriteLines(basePath + NcfFiles.TestSuffix, loo.Cases.Select(c => Line(c.User, c.HeldOut))));
                written.Add(WriteLines(basePath + NcfFiles.NegativeSuffix, loo.Cases.Select(c =>
                    $"({c.User},{c.HeldOut})" + string.Concat(c.Negatives.Select(n => "\t" + n.ToString(CultureInfo.InvariantCulture))))));
                break;
            case SplitProtocol split:
                written.Add(WriteLines(basePath + NcfFiles.TestSuffix, split.Cases.SelectMany(c => c.Relevant.Select(i => Line(c.User, i)))));
                break;
            default:
                throw new NotSupportedException($"no NCF layout for the {protocol.Name} protocol.");
        }

        written.Add(WriteLines(basePath + ".users.tsv", users.Names.Select((id, i) => $"{i}\t{id}")));
        written.Add(WriteLines(basePath + ".items.tsv", items.Names.Select((id, i) => $"{i}\t{id}")));
        return written;
    }

    // Our training data is implicit (a pair is an interaction); rating 1 and time 0 fill NCF's columns.
    private static IEnumerable<string> TrainLines(UserItemMatrix train)
    {
        for (var u = 0; u < train.UserCount; u++)
        {
            foreach (var i in train.UserItems[u])
            {
                yield return Line(u, i);
            }
        }
    }

    private static string Line(int user, int item) => string.Create(CultureInfo.InvariantCulture, $"{user}\t{item}\t1\t0");

    private static string WriteLines(string path, IEnumerable<string> lines)
    {
        File.WriteAllLines(path, lines);
        return path;
    }
}

using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Linear;

/// <summary>
/// A fitted EASE model (Steck, WWW 2019): B = I - P diagMat(1 / diag P) with P = (XᵀX + λI)⁻¹, so diag B = 0, and a
/// user's scores are x_u B, i.e. s_uj = x_uj - (x_u P)_j / P_jj.
/// Two exact ways to get there, whichever inverts the smaller matrix:
/// <list type="bullet">
/// <item>primal (items ≤ users): invert the item-item Gram XᵀX + λI and read P directly;</item>
/// <item>dual (users &lt; items): by the Woodbury identity P = (I - Xᵀ K X) / λ with K = (XXᵀ + λI)⁻¹ over users, and
/// since XXᵀ K = I - λK, x_u P = (K X)_u: so (x_u P)_j is the sum of K_uv over the users v of item j, and
/// P_jj = (1 - Σ_{v,w ∈ users(j)} K_vw) / λ. Only a users x users matrix is ever held.</item>
/// </list>
/// Either way memory is 16 m² bytes for m = min(users, items) (the matrix and its inverse, doubles).
/// Scores are for training users (the rows of X), which is every user the protocols test.
/// </summary>
public sealed class EaseModel
{
    private readonly UserItemMatrix _train;
    private readonly double[] _inverse;
    private readonly int _size;
    private readonly bool _dual;
    private readonly double[] _inverseDiagonalOfP;

    private EaseModel(UserItemMatrix train, double[] inverse, int size, bool dual, double[] inverseDiagonalOfP)
    {
        _train = train;
        _inverse = inverse;
        _size = size;
        _dual = dual;
        _inverseDiagonalOfP = inverseDiagonalOfP;
    }

    public double Lambda { get; private init; }

    /// <summary>True when the users x users form was used.</summary>
    public bool IsDual => _dual;

    /// <param name="forceForm">Null: the smaller form; true / false: dual / primal (tests compare the two).</param>
    public static EaseModel Fit(
        UserItemMatrix train, double lambda, ISymmetricInverter inverter, int threads, bool? forceForm = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        var dual = forceForm ?? train.UserCount < train.ItemCount;
        var rows = dual ? train.UserItems : train.ItemUsers;
        var columns = dual ? train.ItemUsers : train.UserItems;
        var m = rows.Length;
        if ((long)m * m > Array.MaxLength)
        {
            throw new InvalidOperationException($"EASE needs a {m:N0} x {m:N0} matrix, more than one array holds.");
        }

        // The Gram matrix of the smaller side: entry (a, b) counts the shared partners of a and b.
        var gram = new double[m * m];
        foreach (var members in columns)
        {
            foreach (var a in members)
            {
                var row = a * m;
                foreach (var b in members)
                {
                    gram[row + b] += 1;
                }
            }
        }

        for (var a = 0; a < m; a++)
        {
            gram[a * m + a] += lambda;
        }

        var inverse = inverter.Invert(gram, m, threads, cancellationToken);
        var inverseDiagonal = new double[train.ItemCount];
        if (dual)
        {
            for (var j = 0; j < train.ItemCount; j++)
            {
                var sum = 0.0;
                foreach (var v in train.ItemUsers[j])
                {
                    foreach (var w in train.ItemUsers[j])
                    {
                        sum += inverse[v * m + w];
                    }
                }

                inverseDiagonal[j] = lambda / (1 - sum);
            }
        }
        else
        {
            for (var j = 0; j < m; j++)
            {
                inverseDiagonal[j] = 1 / inverse[j * m + j];
            }
        }

        return new EaseModel(train, inverse, m, dual, inverseDiagonal) { Lambda = lambda };
    }

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        var history = _train.UserItems[user];
        for (var k = 0; k < items.Length; k++)
        {
            var j = items[k];
            var xP = 0.0;
            if (_dual)
            {
                var row = user * _size;
                foreach (var v in _train.ItemUsers[j])
                {
                    xP += _inverse[row + v];
                }
            }
            else
            {
                foreach (var i in history)
                {
                    xP += _inverse[i * _size + j];
                }
            }

            var x = Array.BinarySearch(history, j) >= 0 ? 1.0 : 0.0;
            scores[k] = (float)(x - xP * _inverseDiagonalOfP[j]);
        }
    }
}

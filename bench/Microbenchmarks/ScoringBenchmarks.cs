using BenchmarkDotNet.Attributes;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Microbenchmarks;

/// <summary>
/// The model's share of a recommendation request, for one user and 1,000 candidates: the baseline heuristic (the
/// in-run baseline, so Ratio is each path's cost over the baseline's), the deep scorer end to end (vectorise + ONNX
/// Runtime), its two halves on their own, the managed network on the same rows, and the full top-10 ranking.
/// Issue target: <see cref="DeepScorer_Score"/> has a median under 0.5 ms.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private ScoringWorkload _workload = null!;
    private DeepScorer _deep = null!;
    private OnnxScorer _onnx = null!;
    private FeatureVectorizer _vectorizer = null!;
    private float[] _scores = null!;
    private float[] _dense = null!;
    private int[] _ids = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = ScoringWorkload.Create();
        _deep = new DeepScorer(_workload.Artifact);
        _deep.Warmup();
        _vectorizer = _deep.Vectorizer;
        _onnx = new OnnxScorer(_workload.Artifact.OnnxBytes());
        _onnx.Warmup();
        var rows = _workload.Candidates.Count;
        _scores = new float[rows];
        _dense = new float[rows * _vectorizer.DenseWidth];
        _ids = new int[rows * _vectorizer.CategoricalCount];
        _vectorizer.Vectorize(_workload.User, _workload.Candidates, _workload.User.AsOf, _dense, _ids);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _deep.Dispose();
        _onnx.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float BaselineScorer_Score()
    {
        BaselineScorer.Instance.Score(_workload.User, _workload.Candidates, _scores);
        return _scores[0];
    }

    [Benchmark]
    public float DeepScorer_Score()
    {
        _deep.Score(_workload.User, _workload.Candidates, _scores);
        return _scores[0];
    }

    [Benchmark]
    public int FeatureVectorizer_Vectorize()
    {
        _vectorizer.Vectorize(_workload.User, _workload.Candidates, _workload.User.AsOf, _dense, _ids);
        return _ids[0];
    }

    [Benchmark]
    public float OnnxScorer_Score()
    {
        _onnx.Score(_dense, _ids, _workload.Candidates.Count, _scores);
        return _scores[0];
    }

    [Benchmark]
    public float RankingNetwork_Predict()
    {
        _workload.Trained.Network.Predict(_dense, _ids, _workload.Candidates.Count, _scores);
        return _scores[0];
    }

    [Benchmark]
    public int RecommendationRanker_Rank()
    {
        return RecommendationRanker.Rank(_workload.User, _workload.Candidates, 10, _deep).Count;
    }
}

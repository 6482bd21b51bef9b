namespace RenderFarm.Layouts.Quality;

/// <summary>
/// How faithful a layout is to its data, measured on a seeded sample of <see cref="SampleSize"/>
/// points (every point when N is at most the sample size).
/// <see cref="Trustworthiness"/>: scikit-learn's trustworthiness with <see cref="Neighbors"/>
/// neighbours, 1 when no layout neighbour is a stranger in the data. <see cref="KnnRecall"/>: the
/// mean share of each point's data neighbours that are also its layout neighbours.
/// <see cref="KnnAccuracy"/>: mean <see cref="Folds"/>-fold stratified cross-validated accuracy of
/// a <see cref="ClassifierNeighbors"/>-NN majority-vote classifier on the layout coordinates of the
/// sample; null without labels.
/// </summary>
public sealed record QualityReport(
    double Trustworthiness,
    double KnnRecall,
    double? KnnAccuracy,
    int SampleSize,
    int Neighbors,
    int ClassifierNeighbors,
    int Folds);

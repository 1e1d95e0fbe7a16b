import Testing
import SegmentCore

@Suite("KSelection")
struct KSelectionTests {
    /// scikit-learn inertia and silhouette for k = 2…10 on CC_GENERAL (shared/reference/cc_general_sklearn.json).
    let referenceKs = Array(2...10)
    let referenceInertias = [
        80562.46547396283, 64009.00533096702, 52816.6145191321, 43893.43575997288, 39378.19108341745,
        35970.695837915875, 33059.472910569544, 30446.590939001137, 28013.072510668622,
    ]
    let referenceSilhouettes = [
        0.3618110773886274, 0.331382195224565, 0.32318472270459236, 0.3420793351743039, 0.34173481202573464,
        0.3273431870163768, 0.3233055294398879, 0.3217879185557888, 0.31971899684151356,
    ]

    @Test("Kneedle finds the knee of y = 1/x on 1…10 at 3")
    func textbookKnee() {
        let ks = Array(1...10)
        #expect(KSelection.elbow(ks: ks, inertias: ks.map { 1 / Double($0) }) == 3)
        #expect(KSelection.elbow(ks: ks.reversed(), inertias: ks.reversed().map { 1 / Double($0) }) == 3)
    }

    @Test("a straight line, a constant or too few points have no elbow")
    func noElbow() {
        #expect(KSelection.elbow(ks: [2, 3, 4, 5], inertias: [40, 30, 20, 10]) == nil)
        #expect(KSelection.elbow(ks: [2, 3, 4], inertias: [5, 5, 5]) == nil)
        #expect(KSelection.elbow(ks: [2, 3], inertias: [9, 1]) == nil)
    }

    @Test("on the CC_GENERAL reference the elbow is 5 and the rule picks 5")
    func referenceCurve() {
        let choice = KSelection.choose(
            ks: referenceKs, inertias: referenceInertias, silhouettes: referenceSilhouettes, minimumK: 3
        )
        #expect(choice.k == 5 && choice.elbowK == 5 && choice.silhouetteBestK == 5)
        #expect(choice.reason.contains("k=5"))
        // Without a minimum the silhouette alone would pick 2; the elbow window keeps 5.
        let unrestricted = KSelection.choose(
            ks: referenceKs, inertias: referenceInertias, silhouettes: referenceSilhouettes, minimumK: 2
        )
        #expect(unrestricted.k == 5 && unrestricted.silhouetteBestK == 2)
    }

    @Test("picks the best silhouette within one of the elbow, else the best allowed silhouette")
    func windowAndFallback() {
        let ks = [2, 3, 4, 5, 6, 7]
        let inertias = [100.0, 40, 30, 25, 21, 18]
        let silhouettes = [0.25, 0.3, 0.35, 0.2, 0.6, 0.1]
        #expect(KSelection.elbow(ks: ks, inertias: inertias) == 3)
        #expect(KSelection.choose(ks: ks, inertias: inertias, silhouettes: silhouettes, minimumK: 2).k == 4)
        let beyondWindow = KSelection.choose(ks: ks, inertias: inertias, silhouettes: silhouettes, minimumK: 5)
        #expect(beyondWindow.k == 6 && beyondWindow.elbowK == 3)
        let linear = KSelection.choose(
            ks: [2, 3, 4, 5], inertias: [4, 3, 2, 1], silhouettes: [0.1, .nan, 0.4, 0.3], minimumK: 2)
        #expect(linear.k == 4 && linear.elbowK == nil)
    }
}

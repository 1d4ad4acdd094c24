"""The rating scale every layer shares: MovieLens' half stars, and where liking begins and
disliking ends."""

RATING_SCALE = (0.5, 5.0)
LIKED_RATING = 4.0  # "relevant" in evaluation, "liked" in a user's genres and explanations
# At most: "disliked" in explanations and in a series' sequels (the app's dislike gives 1.5).
DISLIKED_RATING = 2.0
LIKE, DISLIKE = 4.5, 1.5  # a like's stars and a dislike's: the app's + and -, quick-start --ask's

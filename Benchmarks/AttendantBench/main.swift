print("benchmarks land with the foundation issue")

print("math bench")

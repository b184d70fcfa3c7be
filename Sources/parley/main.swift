import ArgumentParser
print("parley")

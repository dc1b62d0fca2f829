import SetkeyCore
print(AlgorithmCatalogue.descriptors.count)

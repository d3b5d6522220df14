import Foundation
import Testing

@testable import Spotting
